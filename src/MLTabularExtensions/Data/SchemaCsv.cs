using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Data;

/// <summary>Reads a CSV file with the columns a saved model expects, matched by header name.</summary>
public static class SchemaCsv
{
    /// <summary>
    /// Loads <paramref name="path"/> (comma-separated, header row, quoted fields allowed, empty numbers = NaN) with
    /// each column of <paramref name="schema"/> typed as the model needs it. Columns named in
    /// <paramref name="optional"/> (e.g. the label) may be absent.
    /// </summary>
    /// <param name="context">The context to load with.</param>
    /// <param name="path">The CSV file.</param>
    /// <param name="schema">The model's input schema, as <c>Model.Load</c> returns it.</param>
    /// <param name="optional">Columns the file may lack.</param>
    public static IDataView Load(MLContext context, string path, DataViewSchema schema, params string[] optional)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(schema);
        string header;
        using (var reader = new StreamReader(path))
        {
            header = reader.ReadLine() ?? throw new InvalidDataException($"'{path}' is empty.");
        }
        var names = header.Split(',').Select(h => h.Trim('"')).ToArray();
        var columns = new List<TextLoader.Column>();
        foreach (var column in schema.Where(c => !c.IsHidden))
        {
            var index = Array.IndexOf(names, column.Name);
            if (index < 0)
            {
                if (optional.Contains(column.Name)) continue;
                throw new InvalidDataException($"'{path}' has no column '{column.Name}', which the model needs ({column.Type}).");
            }
            columns.Add(new TextLoader.Column(column.Name, Kind(column), index));
        }
        return context.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Columns = [.. columns],
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            MissingRealsAsNaNs = true,
        });
    }

    private static DataKind Kind(DataViewSchema.Column column) => column.Type switch
    {
        var t when t == NumberDataViewType.Single => DataKind.Single,
        var t when t == NumberDataViewType.Double => DataKind.Double,
        var t when t == NumberDataViewType.Int32 => DataKind.Int32,
        var t when t == NumberDataViewType.Int64 => DataKind.Int64,
        var t when t == BooleanDataViewType.Instance => DataKind.Boolean,
        var t when t == DateTimeDataViewType.Instance => DataKind.DateTime,
        var t when t == TextDataViewType.Instance => DataKind.String,
        _ => throw new InvalidDataException($"The model's input column '{column.Name}' has type {column.Type}, which cannot be read from CSV."),
    };
}
