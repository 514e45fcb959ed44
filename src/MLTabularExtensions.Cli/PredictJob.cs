using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;

namespace MLTabularExtensions.Cli;

/// <summary><c>mltab predict --model model.zip --data file.csv [--out predictions.csv]</c>: scores a CSV with a saved model.</summary>
internal static class PredictJob
{
    public static int Run(CommandLine line, TextWriter output)
    {
        line.Allow("model", "data", "out");
        var modelPath = line.Required("model");
        var dataPath = line.Required("data");
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"The model file '{modelPath}' does not exist.", modelPath);
        if (!File.Exists(dataPath)) throw new FileNotFoundException($"The data file '{dataPath}' does not exist.", dataPath);
        var context = new MLContext().RegisterTabularExtensions();
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = context.Model.Load(modelPath, out inputSchema);
        }
        catch (Exception e)
        {
            throw new InvalidDataException($"'{modelPath}' is not a model saved by ML.NET with this library's transforms: {e.Message}", e);
        }
        try
        {
            var data = SchemaCsv.Load(context, dataPath, inputSchema, "Sales", "Label");
            var scored = model.Transform(data);
            var columns = new[] { "Score", "Probability", "PredictedLabel" }.Where(c => scored.Schema.GetColumnOrNull(c) is not null).ToArray();
            var target = line.Text("out") is { } outPath ? new StreamWriter(outPath) : output;
            target.WriteLine(string.Join(",", columns));
            long rows = 0;
            foreach (var values in Read(scored, columns))
            {
                target.WriteLine(string.Join(",", values));
                rows++;
            }
            if (target != output) target.Dispose();
            Console.Error.WriteLine($"Scored {rows:N0} rows of {dataPath}.");
            return 0;
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static IEnumerable<string[]> Read(IDataView data, string[] columns)
    {
        using var cursor = data.GetRowCursor(columns.Select(c => data.Schema[c]));
        var getters = columns.Select(c => Text(cursor, data.Schema[c])).ToArray();
        while (cursor.MoveNext()) yield return [.. getters.Select(g => g())];
    }

    private static Func<string> Text(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == BooleanDataViewType.Instance)
        {
            var getter = cursor.GetGetter<bool>(column);
            var value = false;
            return () => { getter(ref value); return value ? "true" : "false"; };
        }
        var number = cursor.GetGetter<float>(column);
        float f = 0;
        return () => { number(ref f); return f.ToString("R", CultureInfo.InvariantCulture); };
    }
}
