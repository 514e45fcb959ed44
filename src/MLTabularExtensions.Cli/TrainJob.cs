using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Cli;

/// <summary>
/// <c>mltab train --data file.csv --label COL …</c>: the fastai recipe on any CSV — optional date parts, FillMissing,
/// Categorify, Normalize and a TabularNet regressor or binary/multiclass classifier, validated on a seeded 20 % split.
/// </summary>
internal static class TrainJob
{
    private static readonly string[] DateCategories = ["Year", "Month", "Week", "Day", "Dayofweek"];

    private static readonly Option<FileInfo> Data = CliOptions.ExistingFile("--data", "The CSV file (header line; .gz read as gzip).", "FILE");
    private static readonly Option<string> Label = CliOptions.Text("--label", "The column to predict.", "COL", required: true);
    private static readonly Option<string> Task = new Option<string>("--task")
    {
        Description = "regression (a number), binary (true/false or 1/0) or multiclass (any text or number as a class).",
        DefaultValueFactory = _ => "regression",
    }.AcceptOnlyFromAmong("regression", "binary", "multiclass");
    private static readonly Option<string[]> Categorical = CliOptions.Names("--cat", "Categorical columns (embedded).");
    private static readonly Option<string[]> Continuous = CliOptions.Names("--cont", "Continuous columns (numbers; normalized).");
    private static readonly Option<string> Date = CliOptions.Text("--date", "A date column to expand with add_datepart.", "COL");
    private static readonly Option<int> Epochs = CliOptions.PositiveInt("--epochs", 5, "One-cycle epochs.");
    private static readonly Option<int[]> Layers = CliOptions.PositiveInts("--layers", [200, 100], "Hidden layer sizes.");
    private static readonly Option<int> BatchSize = CliOptions.PositiveInt("--batch-size", 64, "Rows per batch.");
    private static readonly Option<double> LearningRate = CliOptions.PositiveNumber("--lr", 1e-2, "Peak learning rate.");
    private static readonly Option<double> WeightDecay = CliOptions.NonNegativeNumber("--wd", 0.01, "Decoupled weight decay (0: none).");
    private static readonly Option<int> Seed = CliOptions.PositiveInt("--seed", 42, "Seed of the split, initialisation, shuffling and dropout.");
    private static readonly Option<int?> Threads = CliOptions.Threads();
    private static readonly Option<bool> LogTarget = CliOptions.Flag("--log-target", "Regression on log(label), scored back in label units (positive, skewed labels such as counts or sales).");
    private static readonly Option<double[]> YRange = new("--y-range")
    {
        Description = "Regression outputs squeezed into LOW..HIGH by a scaled sigmoid (fastai's y_range; in log units with --log-target).",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "LOW HIGH",
        Arity = new ArgumentArity(2, 2),
        CustomParser = CliOptions.Numbers("--y-range"),
    };
    private static readonly Option<string> Out = CliOptions.OutFolder("out");

    public static Command Create() => new("train", "The fastai tabular recipe on any CSV: optional date parts, FillMissing, Categorify, Normalize and TabularNet, validated on a seeded 20 % split; writes model.zip.")
    {
        Data, Label, Task, Categorical, Continuous, Date, Epochs, Layers, BatchSize, LearningRate, WeightDecay, Seed, Threads, LogTarget, YRange, Out,
    };

    /// <summary>Where train and lr-find write.</summary>
    public static Option<string> OutOption => Out;

    /// <summary>The options that shape the data and the network, shared with <c>mltab lr-find</c>.</summary>
    public static IEnumerable<Option> DataAndNetworkOptions => [Data, Label, Task, Categorical, Continuous, Date, Layers, BatchSize, WeightDecay, Seed, Threads, LogTarget, YRange, Out];

    public static int Run(ParseResult line, TextWriter output, CancellationToken cancel)
    {
        var prepared = Prepare(line, output, line.GetValue(Epochs), line.GetValue(LearningRate), cancel);
        using var net = prepared.Progress.Run(() => prepared.Trainer.Fit(prepared.Train));
        var outFolder = line.GetValue(Out)!;
        Directory.CreateDirectory(outFolder);
        var modelPath = Path.Combine(outFolder, "model.zip");
        prepared.Context.Model.Save(new TransformerChain<ITransformer>(prepared.Preprocess, net), prepared.Schema, modelPath);
        output.WriteLine($"Saved {modelPath}.");
        return Mltab.Done;
    }

    /// <summary>A trainer ready to fit, and the preprocessed training rows it fits on.</summary>
    public sealed record Prepared(MLContext Context, ITransformer Preprocess, IDataView Train, DataViewSchema Schema, TabularNetTrainer Trainer, TrainingProgress Progress);

    /// <summary>Reads the CSV, splits it, fits the preprocessing and makes the trainer the options describe.</summary>
    public static Prepared Prepare(ParseResult line, TextWriter output, int epochs, double learningRate, CancellationToken cancel)
    {
        var path = line.GetValue(Data)!.FullName;
        var label = line.GetValue(Label)!;
        var task = line.GetValue(Task)!;
        var categorical = line.GetValue(Categorical)!.ToList();
        var continuous = line.GetValue(Continuous)!.ToList();
        var date = line.GetValue(Date);
        var yRange = line.GetValue(YRange);
        if (task != "regression" && (line.GetValue(LogTarget) || yRange is { Length: > 0 }))
            throw new UsageException($"--log-target and --y-range apply to regression, not to --task {task}.");
        if (yRange is [var low, var high] && !(low < high))
            throw new UsageException($"--y-range needs LOW < HIGH, not {low.ToString(CultureInfo.InvariantCulture)} {high.ToString(CultureInfo.InvariantCulture)}.");
        var context = new MLContext(seed: 1);
        var data = CsvData.Read(path, Columns(label, task, categorical, continuous, date));
        var split = context.Data.TrainTestSplit(data, testFraction: 0.2, seed: line.GetValue(Seed));

        IEstimator<ITransformer> preprocessing = new EstimatorChain<ITransformer>();
        // A text (or numeric) class becomes a key, its values kept as the key's names for PredictedLabel.
        if (task == "multiclass") preprocessing = preprocessing.Append(context.Transforms.Conversion.MapValueToKey(label));
        if (date is not null)
        {
            var parts = context.Transforms.AddDateParts(date);
            preprocessing = preprocessing.Append(parts);
            categorical.AddRange(DateCategories.Select(part => parts.Prefix + part));
            continuous.Add(parts.Prefix + "Elapsed");
        }
        var preprocess = preprocessing.Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            CategoricalColumns = categorical,
            ContinuousColumns = continuous,
        })).Fit(split.TrainSet);
        var fitted = preprocess.LastTransformer;
        var bar = new TrainingProgress(output, epochs);
        var options = new TabularNetOptions
        {
            LabelColumnName = label,
            CategoricalColumns = fitted.CategoricalColumns,
            ContinuousColumns = fitted.ContinuousColumns,
            Layers = line.GetValue(Layers)!,
            Epochs = epochs,
            BatchSize = line.GetValue(BatchSize),
            MaxLearningRate = learningRate,
            WeightDecay = line.GetValue(WeightDecay),
            Seed = line.GetValue(Seed),
            Threads = CliOptions.ThreadsOrIdleCores(line, Threads),
            LogTarget = line.GetValue(LogTarget),
            YRange = yRange is [var from, var to] ? ((float)from, (float)to) : null,
            ValidationData = preprocess.Transform(split.TestSet),
            Progress = bar,
            BatchProgress = bar,
            CancellationToken = cancel,
        };
        var trainer = task switch
        {
            "binary" => context.BinaryClassification.Trainers.TabularNet(options),
            "multiclass" => context.MulticlassClassification.Trainers.TabularNet(options),
            _ => context.Regression.Trainers.TabularNet(options),
        };
        return new Prepared(context, preprocess, preprocess.Transform(split.TrainSet), data.Schema, trainer, bar);
    }

    private static CsvColumn[] Columns(string label, string task, IEnumerable<string> categorical, IEnumerable<string> continuous, string? date)
    {
        DataViewType labelType = task switch
        {
            "binary" => BooleanDataViewType.Instance,
            "multiclass" => TextDataViewType.Instance,
            _ => NumberDataViewType.Single,
        };
        List<CsvColumn> columns = [new(label, labelType) { Required = true }];
        columns.AddRange(categorical.Select(c => new CsvColumn(c, TextDataViewType.Instance)));
        columns.AddRange(continuous.Select(c => new CsvColumn(c, NumberDataViewType.Single)));
        if (date is not null) columns.Add(new CsvColumn(date, DateTimeDataViewType.Instance));
        var twice = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new UsageException($"Column '{twice.Key}' is named more than once among --label, --cat, --cont and --date.");
        return [.. columns];
    }
}
