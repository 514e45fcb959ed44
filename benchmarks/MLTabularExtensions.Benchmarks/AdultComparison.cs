using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Benchmarks;

/// <summary>
/// <c>-- adult</c>: TabularNet against ML.NET's LightGBM (default options) on UCI Adult with the same 8 categorical and
/// 6 continuous features, trained on adult.data and scored on the official adult.test.
/// </summary>
internal static class AdultComparison
{
    public static void Run(TextWriter output)
    {
        var context = new MLContext(seed: 1);
        var train = context.Data.LoadFromEnumerable(AdultCensus.Read("adult.data.gz"));
        var test = context.Data.LoadFromEnumerable(AdultCensus.Read("adult.test.gz"));
        output.WriteLine($"Adult: {train.GetRowCount():N0} training rows (adult.data), {test.GetRowCount():N0} test rows (adult.test).");

        var clock = Stopwatch.StartNew();
        var lightGbm = context.Transforms.Categorical.OneHotEncoding([.. AdultCensus.Categorical.Select(c => new InputOutputColumnPair(c))])
            .Append(context.Transforms.Concatenate("Features", [.. AdultCensus.Categorical, .. AdultCensus.Continuous]))
            .Append(context.BinaryClassification.Trainers.LightGbm())
            .Fit(train);
        Report(output, "LightGBM (defaults, one-hot categoricals)", context.BinaryClassification.Evaluate(lightGbm.Transform(test)), clock.Elapsed);

        foreach (var seed in new[] { 1, 2, 3 })
        {
            clock.Restart();
            var preprocess = context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = AdultCensus.Categorical,
                ContinuousColumns = AdultCensus.Continuous,
            }).Fit(train);
            using var net = context.BinaryClassification.Trainers.TabularNet(new TabularNetOptions
            {
                CategoricalColumns = preprocess.CategoricalColumns,
                ContinuousColumns = preprocess.ContinuousColumns,
                Layers = [200, 100],
                Epochs = 5,
                BatchSize = 64,
                MaxLearningRate = 1e-2,
                Seed = seed,
                Threads = 2,
            }).Fit(preprocess.Transform(train));
            Report(output, $"TabularNet [200, 100], 5 epochs, lr 1e-2, bs 64, seed {seed}",
                context.BinaryClassification.Evaluate(net.Transform(preprocess.Transform(test))), clock.Elapsed);
        }
    }

    private static void Report(TextWriter output, string name, CalibratedBinaryClassificationMetrics metrics, TimeSpan time) =>
        output.WriteLine($"| {name} | {metrics.Accuracy:F4} | {metrics.AreaUnderRocCurve:F4} | {time.TotalSeconds:F1} s |");
}
