using System.CommandLine;
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
    private static readonly Option<DirectoryInfo> Data = CliOptions.ExistingFolder("--data",
        "Kaggle's files: train.csv[.gz], store.csv, store_states.csv, state_names.csv, googletrend.csv, weather.csv[.gz]. Without it: a generated Rossmann-like data set.");
    private static readonly Option<string> Out = CliOptions.OutFolder("out");
    private static readonly Option<int> Epochs = CliOptions.PositiveInt("--epochs", 5, "One-cycle epochs.");
    private static readonly Option<int> Seed = CliOptions.PositiveInt("--seed", 42, "Seed of initialisation, shuffling and dropout.");
    private static readonly Option<int?> Threads = CliOptions.Threads();
    private static readonly Option<int> BatchSize = CliOptions.PositiveInt("--batch-size", 512, "Rows per batch.");
    private static readonly Option<double> LearningRate = CliOptions.PositiveNumber("--lr", 3e-3, "Peak learning rate.");
    private static readonly Option<double> WeightDecay = CliOptions.NonNegativeNumber("--wd", 0.2, "Decoupled weight decay (0: none).");
    private static readonly Option<int[]> Layers = CliOptions.PositiveInts("--layers", [1000, 500], "Hidden layer sizes.");
    private static readonly Option<double[]> Dropouts = CliOptions.NonNegativeNumbers("--ps", [0.001, 0.01], "Dropout after each hidden layer (at most one per layer; missing ones are 0).");
    private static readonly Option<double> EmbeddingDropout = CliOptions.NonNegativeNumber("--emb-drop", 0.04, "Dropout on the embeddings.");
    private static readonly Option<int> Stores = CliOptions.PositiveInt("--stores", RossmannLesson.GeneratedStores, "Stores of the generated data (without --data).");
    private static readonly Option<bool> CourseV3 = CliOptions.Flag("--course-v3", "Add course-v3's CompetitionMonthsOpen and Promo2Weeks categoricals.");
    private static readonly Option<bool> Closures = CliOptions.Flag("--closures", "Add the days to and from a store's long closures as categoricals.");
    private static readonly Option<bool> BFloat16 = CliOptions.Flag("--bf16", "Hidden layers' products in bfloat16 (BFloat16Linears).");

    public static Command Create() => new("rossmann", "The Rossmann lesson end to end: data preparation, FillMissing + Categorify + Normalize, TabularNet, RMSPE per epoch; writes model.zip, loss.png, valid.csv.")
    {
        Data, Out, Epochs, Seed, Threads, BatchSize, LearningRate, WeightDecay, Layers, Dropouts, EmbeddingDropout, Stores, CourseV3, Closures, BFloat16,
    };

    public static int Run(ParseResult line, TextWriter output, ProcessTuningStatus tuning, CancellationToken cancel)
    {
        var data = line.GetValue(Data)?.FullName;
        var outFolder = line.GetValue(Out)!;
        var epochs = line.GetValue(Epochs);
        var layers = line.GetValue(Layers)!;
        var dropouts = line.GetValue(Dropouts)!;
        if (dropouts.Length > layers.Length)
            throw new UsageException($"--ps gives {dropouts.Length} dropouts ({string.Join(" ", dropouts.Select(p => p.ToString(CultureInfo.InvariantCulture)))}) for {layers.Length} hidden layer(s) (--layers {string.Join(" ", layers)}): give at most one per layer.");
        var context = new MLContext(seed: 1);
        var clock = Stopwatch.StartNew();
        var (train, trainCount, maxSales, validRows) = LessonTable(context, data, line.GetValue(Stores));
        // The raw CSV rows, joins and training row objects are garbage now; give their memory back before libtorch needs its own.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        output.WriteLine(data is null
            ? $"Data: generated Rossmann-like lesson table (pass --data DIR for Kaggle's files): {trainCount:N0} training rows, {validRows.Length:N0} validation rows from {RossmannLesson.ValidationStart:yyyy-MM-dd}."
            : $"Data: {data}: {trainCount:N0} training rows, {validRows.Length:N0} validation rows from {RossmannLesson.ValidationStart:yyyy-MM-dd} (prepared in {clock.Elapsed.TotalSeconds:F1} s).");

        var valid = context.Data.LoadFromEnumerable(validRows);
        var preprocess = RossmannLesson.Preprocessing(context, Categoricals(line.GetValue(CourseV3), line.GetValue(Closures))).Fit(train);
        var prepared = preprocess.LastTransformer;
        output.WriteLine($"Preprocessing: {prepared.CategoricalColumns.Count} categorical ({string.Join(", ", prepared.IndicatorColumns)} added), {prepared.ContinuousColumns.Count} continuous.");

        var curve = new LossCurve();
        var bar = new TrainingProgress(output, epochs);
        var maxLog = Math.Log(maxSales) + Math.Log(1.2);
        var options = new TabularNetOptions
        {
            LabelColumnName = nameof(LessonRow.Sales),
            CategoricalColumns = prepared.CategoricalColumns,
            ContinuousColumns = prepared.ContinuousColumns,
            Layers = layers,
            Dropouts = dropouts,
            EmbeddingDropout = line.GetValue(EmbeddingDropout),
            YRange = (0, (float)maxLog),
            LogTarget = true,
            BFloat16Linears = line.GetValue(BFloat16),
            Epochs = epochs,
            BatchSize = line.GetValue(BatchSize),
            MaxLearningRate = line.GetValue(LearningRate),
            WeightDecay = line.GetValue(WeightDecay),
            Seed = line.GetValue(Seed),
            Threads = CliOptions.ThreadsOrIdleCores(line, Threads),
            CancellationToken = cancel,
            ValidationData = preprocess.Transform(valid),
            Progress = new FanOut<EpochReport>(bar, curve),
            BatchProgress = new FanOut<BatchReport>(bar, curve),
        };
        output.WriteLine($"Training: {options.Threads} threads, oneMKL shim on AMD: {tuning.Mkl}, heap tuned: {(tuning.HeapTuned ? "yes" : "no")}.");
        // Preprocessing's scans are garbage now too: hand their pages back before libtorch and the tables take theirs.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        clock.Restart();
        var net = bar.Run(() => context.Regression.Trainers.TabularNet(options).Fit(preprocess.Transform(train)));
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

    // A method of its own, so that nothing of Kaggle's 1,017,209 raw rows (115 MB) stays reachable from the job's frame
    // through training, as it did while they were a local of Run. The training rows go into a CompactTable: as objects
    // they stayed alive through training beside the trainer's own tensors of them (the Rossmann process peaked at
    // 0.92-1.03 GB with them on an Intel Xeon, 0.77-0.83 GB without).
    private static (IDataView Train, int TrainCount, float MaxSales, LessonRow[] Valid) LessonTable(MLContext context, string? data, int stores)
    {
        var rows = RossmannLesson.Build(data is null ? SyntheticRossmannSources.Generate(stores: stores) : RossmannSourceFiles.Load(context, data));
        LessonRow[] train = [.. rows.Where(r => r.Date < RossmannLesson.ValidationStart)];
        return (CompactTable.FromRows(context, train), train.Length, train.Max(r => r.Sales), [.. rows.Where(r => r.Date >= RossmannLesson.ValidationStart)]);
    }

    private static string[] Categoricals(bool courseV3, bool closures) =>
    [
        .. LessonRow.CategoricalColumns,
        // course-v3's notebook adds CompetitionMonthsOpen and Promo2Weeks to the lesson's 20 categoricals.
        .. courseV3 ? LessonRow.CourseV3Categorical : [],
        .. closures ? LessonRow.ClosureCategorical : [],
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
