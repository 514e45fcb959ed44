using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLTabularExtensions.Lessons;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.Metrics;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Cli;

/// <summary>
/// <c>mltab rossmann</c>: the lesson end to end — data preparation, the last six weeks as validation, FillMissing +
/// Categorify + Normalize, TabularNet with the lesson's recipe, RMSPE per epoch, model.zip and a loss-curve PNG.
/// </summary>
internal static class RossmannJob
{
    public static int Run(CommandLine line, TextWriter output, ProcessTuningStatus tuning)
    {
        line.Allow("data", "epochs", "out", "seed", "threads", "batch-size", "lr", "wd", "stores", "course-v3", "layers", "ps", "emb-drop", "bf16", "closures");
        var data = line.Text("data");
        var outFolder = line.Text("out") ?? "out";
        var epochs = line.Int("epochs", 5);
        // Every number is read before the data is prepared, so a mistyped one fails at once.
        var layers = line.PositiveInts("layers", [1000, 500]);
        var dropouts = line.NonNegatives("ps", [0.001, 0.01]);
        if (dropouts.Count > layers.Count)
            throw new ArgumentException($"--ps gives {dropouts.Count} dropouts ({string.Join(" ", dropouts.Select(p => p.ToString(CultureInfo.InvariantCulture)))}) for {layers.Count} hidden layer(s) (--layers {string.Join(" ", layers)}): give at most one per layer.");
        var embeddingDropout = line.NonNegative("emb-drop", 0.04);
        var (batchSize, learningRate, weightDecay) = (line.Int("batch-size", 512), line.Double("lr", 3e-3), line.NonNegative("wd", 0.2));
        var (seed, threads) = (line.Int("seed", 42), line.Int("threads", 2));
        var context = new MLContext(seed: 1);
        var clock = Stopwatch.StartNew();
        var sources = data is null
            ? SyntheticRossmannSources.Generate(stores: line.Int("stores", RossmannLesson.GeneratedStores))
            : RossmannSourceFiles.Load(context, data);
        var rows = RossmannLesson.Build(sources);
        var trainRows = rows.Where(r => r.Date < RossmannLesson.ValidationStart).ToArray();
        var validRows = rows.Where(r => r.Date >= RossmannLesson.ValidationStart).ToArray();
        rows.Clear();
        // The raw CSV rows and joins are garbage now; give their memory back before libtorch needs its own.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        output.WriteLine(data is null
            ? $"Data: generated Rossmann-like lesson table (pass --data DIR for Kaggle's files): {trainRows.Length:N0} training rows, {validRows.Length:N0} validation rows from {RossmannLesson.ValidationStart:yyyy-MM-dd}."
            : $"Data: {data}: {trainRows.Length:N0} training rows, {validRows.Length:N0} validation rows from {RossmannLesson.ValidationStart:yyyy-MM-dd} (prepared in {clock.Elapsed.TotalSeconds:F1} s).");

        var train = context.Data.LoadFromEnumerable(trainRows);
        var valid = context.Data.LoadFromEnumerable(validRows);
        var preprocess = context.Transforms.AddDateParts(nameof(LessonRow.Date))
            .Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = Categoricals(line),
                ContinuousColumns = LessonRow.ContinuousColumns,
            }))
            .Fit(train);
        var prepared = preprocess.LastTransformer;
        output.WriteLine($"Preprocessing: {prepared.CategoricalColumns.Count} categorical ({string.Join(", ", prepared.IndicatorColumns)} added), {prepared.ContinuousColumns.Count} continuous.");

        var curve = new LossCurve();
        var bar = new ConsoleProgressBar(output, epochs);
        var maxLog = Math.Log(trainRows.Max(r => r.Sales)) + Math.Log(1.2);
        var options = new TabularNetOptions
        {
            LabelColumnName = nameof(LessonRow.Sales),
            CategoricalColumns = prepared.CategoricalColumns,
            ContinuousColumns = prepared.ContinuousColumns,
            Layers = layers,
            Dropouts = dropouts,
            EmbeddingDropout = embeddingDropout,
            YRange = (0, (float)maxLog),
            LogTarget = true,
            BFloat16Linears = line.Flag("bf16"),
            Epochs = epochs,
            BatchSize = batchSize,
            MaxLearningRate = learningRate,
            WeightDecay = weightDecay,
            Seed = seed,
            Threads = threads,
            ValidationData = preprocess.Transform(valid),
            Progress = new FanOut<EpochReport>(bar, curve),
            BatchProgress = new FanOut<BatchReport>(bar, curve),
        };
        output.WriteLine($"Training: {options.Threads} threads, oneMKL shim on AMD: {tuning.Mkl}, heap tuned: {(tuning.HeapTuned ? "yes" : "no")}.");
        clock.Restart();
        var net = context.Regression.Trainers.TabularNet(options).Fit(preprocess.Transform(train));
        output.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F0} s.");

        Directory.CreateDirectory(outFolder);
        var modelPath = Path.Combine(outFolder, "model.zip");
        var model = preprocess.Append(net);
        context.Model.Save(model, train.Schema, modelPath);
        net.Dispose();
        var curvePath = Path.Combine(outFolder, "loss.png");
        curve.Save(curvePath);
        var validCsv = Path.Combine(outFolder, "valid.csv");
        LessonCsv.Write(validCsv, validRows);

        var reloadedContext = new MLContext().RegisterTabularExtensions();
        var reloaded = reloadedContext.Model.Load(modelPath, out _);
        var rmspe = Rmspe.Evaluate(reloaded.Transform(reloadedContext.Data.LoadFromEnumerable(validRows)), nameof(LessonRow.Sales));
        (reloaded as IDisposable)?.Dispose();
        output.WriteLine($"Saved {modelPath} (reloaded: valid RMSPE {rmspe:F4}), {curvePath}, and the validation table {validCsv} (try: mltab predict --model {modelPath} --data {validCsv}).");
        return 0;
    }

    private static string[] Categoricals(CommandLine line) =>
    [
        .. LessonRow.CategoricalColumns,
        // course-v3's notebook adds CompetitionMonthsOpen and Promo2Weeks to the lesson's 20 categoricals.
        .. line.Flag("course-v3") ? LessonRow.CourseV3Categorical : [],
        .. line.Flag("closures") ? LessonRow.ClosureCategorical : [],
    ];

    /// <summary>Sends each report to several receivers.</summary>
    private sealed class FanOut<T>(params IProgress<T>[] receivers) : IProgress<T>
    {
        public void Report(T value)
        {
            foreach (var receiver in receivers) receiver.Report(value);
        }
    }
}
