using MLTabularExtensions.Cli;
using MLTabularExtensions.TorchSharp;
using Spectre.Console;

namespace MLTabularExtensions.Tests.Cli;

public sealed class TrainingProgressTests
{
    private static int Train(TrainingProgress progress) => progress.Run(() =>
    {
        progress.Report(new BatchReport(1, 5, 10, 0.5, 0.4));
        progress.Report(new EpochReport(1, 0.5, 0.45, 0.2, "RMSE", 1, 1000));
        progress.Report(new BatchReport(2, 10, 10, 0.3, 0.25));
        progress.Report(new EpochReport(2, 0.3, 0.28, 0.15, "RMSE", 1, 1000));
        return 42;
    });

    [Test]
    public void OnATerminal_TheBarShowsEpochBatchAndLoss_AndTheEpochLinesStay()
    {
        using var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 200;

        var result = Train(new TrainingProgress(TextWriter.Null, 2, console));

        Assert.That(result, Is.EqualTo(42), "the training's result comes back");
        Assert.That(screen.ToString(), Does.Contain("epoch 1: train loss 0.50000").And.Contain("epoch 2: train loss 0.30000"));
        // The live bar's last frame, drawn before it is cleared from the screen.
        Assert.That(screen.ToString(), Does.Contain("epoch 2/2, batch 10/10, loss 0.2500").And.Contain("100%"));
    }

    [Test]
    public void Redirected_OnlyTheEpochLines()
    {
        using var log = new StringWriter();

        Train(new TrainingProgress(log, 2, console: null));

        Assert.That(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
        Assert.That(log.ToString(), Does.StartWith("epoch 1: train loss 0.50000, valid loss 0.45000, valid RMSE 0.2000"));
    }
}
