using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Cli;

/// <summary>
/// <c>mltab preprocess</c>: only the preprocessing (date parts, FillMissing, Categorify, Normalize) of Kaggle's
/// train ⋈ store table, fitted on the lesson's training period and applied to its validation period, saved, reloaded
/// and checked. It uses <see cref="RossmannRow"/>'s raw columns, not the lesson's joined table, so it runs in seconds.
/// </summary>
internal static class PreprocessJob
{
    private static readonly Option<DirectoryInfo> Data = CliOptions.ExistingFolder("--data",
        "Kaggle's train.csv[.gz] and store.csv. Without it: generated Rossmann-like rows.");
    private static readonly Option<string> Out = CliOptions.OutFolder("out");

    public static Command Create() => new("preprocess", "Only the preprocessing of train ⋈ store: fits date parts, FillMissing, Categorify and Normalize, prints what they learned, saves and reloads.")
    {
        Data, Out,
    };

    public static int Run(ParseResult line, TextWriter output, CancellationToken cancel) =>
        Run(line.GetValue(Data)?.FullName, line.GetValue(Out)!, output);

    public static int Run(string? dataFolder, string outFolder, TextWriter output)
    {
        var context = new MLContext(seed: 1);
        var clock = Stopwatch.StartNew();
        var rows = dataFolder is null ? SyntheticRossmann.Generate() : RossmannFiles.LoadTrainJoinedWithStore(context, dataFolder);
        output.WriteLine(dataFolder is null
            ? $"Data: {rows.Count:N0} generated Rossmann-like rows (pass --data DIR for Kaggle's files)."
            : $"Data: {rows.Count:N0} rows of train.csv ⋈ store.csv from {dataFolder} ({clock.Elapsed.TotalSeconds:F1} s).");

        var train = context.Data.LoadFromEnumerable(rows.Where(r => r.Date < RossmannLesson.ValidationStart));
        var valid = context.Data.LoadFromEnumerable(rows.Where(r => r.Date >= RossmannLesson.ValidationStart));
        var pipeline = context.Transforms.AddDateParts(nameof(RossmannRow.Date))
            .Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = RossmannRow.CategoricalColumns,
                ContinuousColumns = RossmannRow.ContinuousColumns,
            }));

        clock.Restart();
        var model = pipeline.Fit(train);
        output.WriteLine($"Fitted on rows before {RossmannLesson.ValidationStart:yyyy-MM-dd} in {clock.Elapsed.TotalSeconds:F2} s.");
        var preprocess = model.LastTransformer;
        Describe(preprocess, output);

        var transformed = model.Transform(valid);
        var shown = RossmannRow.CategoricalColumns.Take(4).Concat(preprocess.CategoricalColumns.Where(c => c.EndsWith("_na", StringComparison.Ordinal)))
            .Concat(RossmannRow.ContinuousColumns.Take(3)).ToArray();
        output.WriteLine($"First rows of the validation period ({string.Join(", ", shown)}):");
        foreach (var line in Preview(transformed, shown, 5)) output.WriteLine("  " + line);

        Directory.CreateDirectory(outFolder);
        var path = Path.Combine(outFolder, "preprocess.zip");
        context.Model.Save(model, train.Schema, path);
        var reloaded = new MLContext().RegisterTabularExtensions().Model.Load(path, out _);
        var same = Preview(reloaded.Transform(valid), shown, int.MaxValue).SequenceEqual(Preview(transformed, shown, int.MaxValue));
        output.WriteLine($"Saved {path}; reloaded in a fresh MLContext: outputs {(same ? "identical" : "DIFFERENT")}.");
        return same ? 0 : 1;
    }

    private static void Describe(TabularPreprocessTransformer preprocess, TextWriter output)
    {
        output.WriteLine("Categorical (key) columns: " + string.Join(", ",
            preprocess.CategorizedColumns.Select(c => $"{c.Name}[{c.Vocabulary.Length}]")));
        output.WriteLine("Continuous columns (mean ± std): " + string.Join(", ",
            preprocess.NormalizedColumns.Select(c => $"{c.Name} {c.Mean:G4} ± {c.Std:G4}")));
        output.WriteLine("Filled: " + string.Join(", ", preprocess.FilledColumns
            .Where(c => c.IndicatorName is not null).Select(c => $"{c.Name} with {c.FillValue:G6} (+ {c.IndicatorName})")));
    }

    private static IEnumerable<string> Preview(IDataView data, string[] columns, int count)
    {
        using var cursor = data.GetRowCursor(columns.Select(c => data.Schema[c]));
        var getters = columns.Select(c => ValueText(cursor, data.Schema[c])).ToArray();
        for (var i = 0; i < count && cursor.MoveNext(); i++)
            yield return string.Join("  ", getters.Select((g, k) => $"{columns[k]}={g()}"));
    }

    private static Func<string> ValueText(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is KeyDataViewType)
        {
            var key = cursor.GetGetter<uint>(column);
            uint value = 0;
            return () => { key(ref value); return value.ToString(System.Globalization.CultureInfo.InvariantCulture); };
        }
        if (column.Type == NumberDataViewType.Double)
        {
            var number = cursor.GetGetter<double>(column);
            double value = 0;
            return () => { number(ref value); return value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture); };
        }
        var single = cursor.GetGetter<float>(column);
        float f = 0;
        return () => { single(ref f); return f.ToString("G6", System.Globalization.CultureInfo.InvariantCulture); };
    }
}
