using MLTabularExtensions.TorchSharp;
using Spectre.Console;

namespace MLTabularExtensions.Cli;

/// <summary>
/// A training's progress on the console: on a terminal, Spectre.Console's live bar (epoch, batches, recent loss, time
/// left) with each epoch's summary line printed above it; with output redirected (a log, CI), the summary lines only.
/// </summary>
internal sealed class TrainingProgress : IProgress<BatchReport>, IProgress<EpochReport>
{
    private readonly IAnsiConsole? _console;
    private readonly TextWriter _output;
    private readonly int _epochs;
    private ProgressTask? _task;

    /// <summary>A live bar when <paramref name="output"/> is the console of a terminal.</summary>
    public TrainingProgress(TextWriter output, int epochs)
        : this(output, epochs, output == Console.Out && !Console.IsOutputRedirected ? AnsiConsole.Console : null)
    {
    }

    /// <summary>Draws on <paramref name="console"/> (null: summary lines to <paramref name="output"/> only).</summary>
    public TrainingProgress(TextWriter output, int epochs, IAnsiConsole? console)
    {
        (_output, _epochs, _console) = (output, epochs, console);
    }

    /// <summary>Runs <paramref name="train"/> under the live bar, if there is one.</summary>
    public T Run<T>(Func<T> train)
    {
        if (_console is null) return train();
        return _console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _task = context.AddTask($"epoch 1/{_epochs}", maxValue: _epochs);
                return train();
            });
    }

    public void Report(BatchReport value)
    {
        if (_task is null) return;
        _task.Description = $"epoch {value.Epoch}/{_epochs}, batch {value.Batch:N0}/{value.Batches:N0}, loss {value.RecentLoss:F4}";
        _task.Value = value.Epoch - 1 + (double)value.Batch / value.Batches;
    }

    public void Report(EpochReport value)
    {
        if (_console is null) _output.WriteLine(value.ToString());
        else _console.WriteLine(value.ToString());
    }
}
