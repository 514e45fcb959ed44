using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;
using MLTabularExtensions.Onnx;

namespace MLTabularExtensions.Cli;

/// <summary>
/// <c>mltab predict --model model.zip --data file.csv [--out predictions.csv]</c>: scores a CSV with a saved model. The
/// data needs the columns the predictions depend on, not the label; the output file is written only once every row
/// has scored.
/// </summary>
internal static class PredictJob
{
    private static readonly Option<FileInfo> Model = CliOptions.ExistingFile("--model", "A model.zip saved by mltab train or mltab rossmann (or any ML.NET app with this library).", "FILE");
    private static readonly Option<FileInfo> Data = CliOptions.ExistingFile("--data", "The CSV file to score (header line; .gz read as gzip).", "FILE");
    private static readonly Option<string> Out = CliOptions.OutFile("Write the predictions to this CSV file instead of the console.");

    public static Command Create() => new("predict", "Scores a CSV with a saved model: Score (and Probability, PredictedLabel for classifiers), one line per row.")
    {
        Model, Data, Out,
    };

    public static int Run(ParseResult line, TextWriter output, CancellationToken cancel)
    {
        var modelPath = line.GetValue(Model)!.FullName;
        var dataPath = line.GetValue(Data)!.FullName;
        var context = new MLContext().RegisterTabularExtensions();
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = context.Model.LoadWithBatchedScoring(modelPath, out inputSchema);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidDataException($"'{modelPath}' is not a model saved by ML.NET with this library's transforms: {e.Message}", e);
        }
        try
        {
            var scored = model.Transform(CsvData.ReadForModel(dataPath, model, inputSchema));
            var columns = OutputColumns(scored.Schema);
            if (line.GetValue(Out) is not { } outPath)
            {
                var rows = Write(scored, columns, output, cancel);
                Console.Error.WriteLine($"Scored {rows:N0} rows of {dataPath}.");
                return Mltab.Done;
            }
            // Written beside the target and renamed at the end, so a failure leaves no partial file behind.
            var partial = outPath + ".partial";
            try
            {
                long rows;
                using (var writer = new StreamWriter(partial)) rows = Write(scored, columns, writer, cancel);
                File.Move(partial, outPath, overwrite: true);
                output.WriteLine($"Scored {rows:N0} rows of {dataPath} into {outPath}.");
                return Mltab.Done;
            }
            finally
            {
                File.Delete(partial);
            }
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static long Write(IDataView scored, IReadOnlyList<(string Header, Func<DataViewRowCursor, Func<string>> Field, string Column)> columns,
        TextWriter target, CancellationToken cancel)
    {
        using var writer = CsvOut.To(target);
        writer.Header.Add([.. columns.Select(c => c.Header)]);
        // Written before the rows, so scoring no rows still gives a file with its header.
        writer.Header.Write();
        using var cursor = scored.GetRowCursor(columns.Select(c => scored.Schema[c.Column]).Distinct());
        var fields = columns.Select(c => c.Field(cursor)).ToArray();
        long rows = 0;
        while (cursor.MoveNext())
        {
            cancel.ThrowIfCancellationRequested();
            using var row = writer.NewRow();
            for (var i = 0; i < fields.Length; i++) row[i].Set(fields[i]());
            rows++;
        }
        return rows;
    }

    /// <summary>Score (one column per class for a multiclass model), Probability, PredictedLabel (the class's name).</summary>
    private static List<(string Header, Func<DataViewRowCursor, Func<string>> Field, string Column)> OutputColumns(DataViewSchema schema)
    {
        var columns = new List<(string, Func<DataViewRowCursor, Func<string>>, string)>();
        if (schema.GetColumnOrNull("Score") is { } score)
        {
            if (score.Type is VectorDataViewType vector)
            {
                var names = ClassNames(schema, vector.Size);
                for (var k = 0; k < vector.Size; k++)
                {
                    var slot = k;
                    columns.Add(($"Score_{names[k]}", cursor => Slot(cursor, score, slot), "Score"));
                }
            }
            else
            {
                columns.Add(("Score", cursor => Number(cursor, score), "Score"));
            }
        }
        if (schema.GetColumnOrNull("Probability") is { } probability) columns.Add(("Probability", cursor => Number(cursor, probability), "Probability"));
        if (schema.GetColumnOrNull("PredictedLabel") is { } predicted) columns.Add(("PredictedLabel", cursor => Label(cursor, predicted), "PredictedLabel"));
        if (columns.Count == 0) throw new InvalidDataException("The model makes no Score, Probability or PredictedLabel column: it is not a predictor.");
        return columns;
    }

    private static string[] ClassNames(DataViewSchema schema, int count)
    {
        var names = schema.GetColumnOrNull("PredictedLabel") is { Type: KeyDataViewType } predicted ? KeyNames(predicted) : [];
        return names.Length == count ? names : [.. Enumerable.Range(1, count).Select(k => k.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>The names of a key column's values (the classes' text), or none when the key carries no names.</summary>
    private static string[] KeyNames(DataViewSchema.Column column)
    {
        if (!column.HasKeyValues()) return [];
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        return [.. values.DenseValues().Select(v => v.ToString())];
    }

    private static Func<string> Number(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<float>(column);
        float value = 0;
        return () => { getter(ref value); return value.ToString("R", CultureInfo.InvariantCulture); };
    }

    private static Func<string> Slot(DataViewRowCursor cursor, DataViewSchema.Column column, int slot)
    {
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        return () => { getter(ref value); return value.GetItemOrDefault(slot).ToString("R", CultureInfo.InvariantCulture); };
    }

    private static Func<string> Label(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == BooleanDataViewType.Instance)
        {
            var flag = cursor.GetGetter<bool>(column);
            var value = false;
            return () => { flag(ref value); return value ? "true" : "false"; };
        }
        var key = cursor.GetGetter<uint>(column);
        uint index = 0;
        var classNames = KeyNames(column);
        return () => { key(ref index); return index == 0 ? "" : classNames.Length >= index ? classNames[index - 1] : index.ToString(CultureInfo.InvariantCulture); };
    }
}
