using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Cli;

/// <summary>
/// <c>mltab train --data file.csv --label COL …</c>: the fastai recipe on any CSV — optional date parts, FillMissing,
/// Categorify, Normalize and a TabularNet regressor or binary classifier, validated on a seeded 20 % split.
/// </summary>
internal static class TrainJob
{
    private static readonly string[] DateCategories = ["Year", "Month", "Week", "Day", "Dayofweek"];

    public static int Run(CommandLine line, TextWriter output)
    {
        line.Allow("data", "label", "task", "cat", "cont", "date", "epochs", "out", "batch-size", "lr", "wd", "seed", "layers");
        var path = line.Required("data");
        var label = line.Required("label");
        var binary = (line.Text("task") ?? "regression") switch
        {
            "regression" => false,
            "binary" => true,
            var other => throw new ArgumentException($"--task must be regression or binary, not '{other}'."),
        };
        var categorical = line.List("cat").ToList();
        var continuous = line.List("cont").ToList();
        var date = line.Text("date");
        var context = new MLContext(seed: 1);
        var data = Load(context, path, label, binary, categorical, continuous, date);
        var split = context.Data.TrainTestSplit(data, testFraction: 0.2, seed: line.Int("seed", 42));

        IEstimator<ITransformer> preprocessing = new EstimatorChain<ITransformer>();
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
        var prepared = preprocess.LastTransformer;
        var epochs = line.Int("epochs", 5);
        var bar = new ConsoleProgressBar(output, epochs);
        var options = new TabularNetOptions
        {
            LabelColumnName = label,
            CategoricalColumns = prepared.CategoricalColumns,
            ContinuousColumns = prepared.ContinuousColumns,
            Layers = line.PositiveInts("layers", [200, 100]),
            Epochs = epochs,
            BatchSize = line.Int("batch-size", 64),
            MaxLearningRate = line.Double("lr", 1e-2),
            WeightDecay = line.NonNegative("wd", 0.01),
            Seed = line.Int("seed", 42),
            ValidationData = preprocess.Transform(split.TestSet),
            Progress = bar,
            BatchProgress = bar,
        };
        var trainer = binary
            ? context.BinaryClassification.Trainers.TabularNet(options)
            : context.Regression.Trainers.TabularNet(options);
        using var net = trainer.Fit(preprocess.Transform(split.TrainSet));
        var outFolder = line.Text("out") ?? "out";
        Directory.CreateDirectory(outFolder);
        var modelPath = Path.Combine(outFolder, "model.zip");
        context.Model.Save(new TransformerChain<ITransformer>(preprocess, net), data.Schema, modelPath);
        output.WriteLine($"Saved {modelPath}.");
        return 0;
    }

    private static IDataView Load(MLContext context, string path, string label, bool binary, IEnumerable<string> categorical,
        IEnumerable<string> continuous, string? date)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"'{path}' is empty.")).Split(',').Select(h => h.Trim('"')).ToArray();
        TextLoader.Column Column(string name, DataKind kind)
        {
            var index = Array.IndexOf(header, name);
            if (index < 0) throw new InvalidDataException($"'{path}' has no column '{name}' (its header: {string.Join(", ", header)}).");
            return new TextLoader.Column(name, kind, index);
        }
        var columns = new List<TextLoader.Column> { Column(label, binary ? DataKind.Boolean : DataKind.Single) };
        columns.AddRange(categorical.Select(c => Column(c, DataKind.String)));
        columns.AddRange(continuous.Select(c => Column(c, DataKind.Single)));
        if (date is not null) columns.Add(Column(date, DataKind.DateTime));
        return context.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Columns = [.. columns],
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            MissingRealsAsNaNs = true,
        });
    }
}
