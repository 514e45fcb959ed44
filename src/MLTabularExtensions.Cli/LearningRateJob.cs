using System.CommandLine;
using MLTabularExtensions.Lessons;
using MLTabularExtensions.TorchSharp;
using SkiaSharp;

namespace MLTabularExtensions.Cli;

/// <summary>
/// <c>mltab lr-find --data file.csv --label COL …</c>: fastai's learning-rate finder on the network <c>mltab train</c>
/// would build, with fastai's suggested rate (valley) printed and the curve written to lr-find.png.
/// </summary>
internal static class LearningRateJob
{
    private static readonly Option<int> Steps = CliOptions.PositiveInt("--steps", 100, "Batches to try, the rate growing exponentially from 1e-7 to 10.");

    public static Command Create()
    {
        var command = new Command("lr-find", "fastai's learning-rate finder on the network mltab train would build: prints the suggested --lr and writes the curve to lr-find.png.");
        foreach (var option in TrainJob.DataAndNetworkOptions) command.Add(option);
        command.Add(Steps);
        return command;
    }

    public static int Run(ParseResult line, TextWriter output, CancellationToken cancel)
    {
        // The finder sets its own rates and stops after --steps batches; epochs and lr only need valid values.
        var prepared = TrainJob.Prepare(line, output, epochs: 1, learningRate: 1e-2, cancel);
        var curve = prepared.Trainer.FindLearningRate(prepared.Train, steps: line.GetValue(Steps));
        var suggestion = LearningRateSuggestion.Valley(curve);
        var outFolder = line.GetValue(TrainJob.OutOption)!;
        Directory.CreateDirectory(outFolder);
        var path = Path.Combine(outFolder, "lr-find.png");
        var plot = new LinePlot("learning rate", "loss (smoothed)", logX: true, logY: false);
        // As fastai's plot_lr_find: without the last 5 points, whose exploding loss would flatten the rest.
        plot.Add("loss", SKColors.SteelBlue, curve.Take(Math.Max(2, curve.Count - 5)));
        plot.Mark(suggestion, $"valley: {suggestion:G2}");
        plot.Save(path);
        output.WriteLine($"Tried {curve.Count} learning rates from {curve[0].LearningRate:G2} to {curve[^1].LearningRate:G2}; fastai's suggestion (valley): {suggestion:G2}. Curve: {path}");
        output.WriteLine($"Train with it: mltab train … --lr {suggestion:G2}");
        return Mltab.Done;
    }
}
