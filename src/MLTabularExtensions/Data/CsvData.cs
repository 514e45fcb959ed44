using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using nietras.SeparatedValues;

namespace MLTabularExtensions.Data;

/// <summary>
/// The one way this library reads CSV files: comma-separated with a header line, as Excel and pandas write them — UTF-8
/// with or without a byte-order mark, LF or CRLF line ends, fields in double quotes (with commas, quotes or line breaks
/// inside), empty lines skipped, gzip-compressed or not (recognised by its first bytes, whatever the file is called);
/// a file that is not valid UTF-8 is read as Windows-1252, Excel's "CSV (Comma delimited)" on Western Windows. Values
/// are typed as asked; pandas' missing-value markers are missing, and a field that does not parse is an error naming
/// the file, line, column and value (<see cref="CsvDataException"/>), never a silent NaN. Parsing is Sep's; the table
/// is held in memory.
/// </summary>
public static class CsvData
{
    private static readonly string[] PredictionColumns = ["Score", "Probability", "PredictedLabel"];

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The provider's encodings are used directly: registering it would change Encoding.GetEncoding for the whole process.
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>The column names of the header line.</summary>
    /// <param name="path">The CSV file (.gz or not).</param>
    public static IReadOnlyList<string> ReadHeader(string path) => Decoded(path, (_, header) => header);

    /// <summary>The fields of every data row (after the header), unquoted, as text; for files read by position.</summary>
    /// <param name="path">The CSV file (.gz or not).</param>
    public static IReadOnlyList<string[]> ReadFields(string path) => Decoded(path, (reader, _) =>
    {
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            if (IsBlank(row)) continue;
            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = row[i].ToString();
            rows.Add(fields);
        }
        return rows;
    });

    /// <summary>Reads <paramref name="columns"/> by header name into an in-memory <see cref="IDataView"/>.</summary>
    /// <param name="path">The CSV file (.gz or not).</param>
    /// <param name="columns">The columns to read and their types; the file may have more.</param>
    /// <param name="allowInfinity">Whether "inf"/"Infinity" may be read into number columns (default: an error).</param>
    public static IDataView Read(string path, IReadOnlyList<CsvColumn> columns, bool allowInfinity = false)
    {
        var (values, rows) = ReadColumns(path, columns, allowInfinity);
        return new InMemoryDataView([.. columns.Select((c, i) => (c.Name, c.Type, values[i]))], rows);
    }

    /// <summary>Each column's values, one array per column in the order asked, and the number of rows.</summary>
    private static (Array[] Values, long Rows) ReadColumns(string path, IReadOnlyList<CsvColumn> columns, bool allowInfinity)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Decoded(path, (file, header) => ReadColumns(path, file, header, columns, allowInfinity));
    }

    private static (Array[] Values, long Rows) ReadColumns(string path, SepReader file, string[] header, IReadOnlyList<CsvColumn> columns, bool allowInfinity)
    {
        var indices = columns.Select(c => Array.IndexOf(header, c.Name)).ToArray();
        var absent = columns.Where((_, i) => indices[i] < 0).Select(c => c.Name).ToArray();
        if (absent.Length > 0)
            throw new CsvDataException(path, 1, absent[0], null,
                $"is not in the header{(absent.Length > 1 ? $" (nor {string.Join(", ", absent.Skip(1).Select(a => $"'{a}'"))})" : "")}; the header has {string.Join(", ", header)}.{OtherSeparator(header)}");
        if (columns.FirstOrDefault(c => header.Count(h => h == c.Name) > 1) is { } twice)
            throw new CsvDataException(path, 1, twice.Name, null,
                $"names fields {string.Join(" and ", header.Select((h, i) => (h, i)).Where(p => p.h == twice.Name).Select(p => p.i + 1))} of the header; a column to read needs a name of its own.");
        var parsers = columns.Select(c => CsvFieldParser.For(c.Type, allowInfinity)).ToArray();
        long rows = 0;
        foreach (var row in file)
        {
            if (IsBlank(row)) continue;
            if (row.ColCount != header.Length)
                throw new CsvDataException(path, row.LineNumberFrom, null, null,
                    $"has {row.ColCount} field(s); the header has {header.Length}. (A field with a comma must be in double quotes.)");
            for (var i = 0; i < parsers.Length; i++)
            {
                var field = row[indices[i]].Span;
                if (columns[i].Required && CsvFieldParser.IsMissing(field))
                    throw new CsvDataException(path, row.LineNumberFrom, columns[i].Name, field.IsEmpty ? null : field.ToString(),
                        $"{(field.IsEmpty ? "is empty" : "marks a missing value")}; every row needs a value in this column (remove or fill such rows).");
                if (parsers[i].Add(field) is { } problem)
                    throw new CsvDataException(path, row.LineNumberFrom, columns[i].Name, field.ToString(), problem);
            }
            rows++;
        }
        return ([.. parsers.Select(p => p.Values)], rows);
    }

    /// <summary>
    /// Reads the columns a saved model takes, typed as its input schema says. Columns the model does not use for its
    /// predictions (<c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>) — such as the label — may be absent and
    /// then read as missing; an absent column the predictions need is an error naming it. Infinite numbers are errors.
    /// </summary>
    /// <param name="path">The CSV file (.gz or not).</param>
    /// <param name="model">The loaded model.</param>
    /// <param name="inputSchema">Its input schema, as <c>mlContext.Model.Load</c> returns it.</param>
    public static IDataView ReadForModel(string path, ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var header = ReadHeader(path);
        var inputs = inputSchema.Where(c => !c.IsHidden).ToArray();
        var absent = inputs.Where(c => !header.Contains(c.Name)).ToArray();
        var needed = absent.Length == 0 ? [] : Needed(model, inputSchema);
        var missingNeeded = absent.Where(c => needed.Contains(c.Name)).ToArray();
        if (missingNeeded.Length > 0)
            throw new CsvDataException(path, 1, missingNeeded[0].Name, null,
                $"is not in the header, and the model needs it ({missingNeeded[0].Type}) to predict{(missingNeeded.Length > 1 ? $"; nor are {string.Join(", ", missingNeeded.Skip(1).Select(c => $"'{c.Name}'"))}" : "")}. The header has {string.Join(", ", header)}.{OtherSeparator([.. header])}");
        var present = inputs.Where(c => header.Contains(c.Name)).ToArray();
        var (values, rows) = ReadColumns(path, [.. present.Select(c => new CsvColumn(c.Name, c.Type))], allowInfinity: false);
        // The unused columns the model's schema still lists (the label) are added as missing values.
        var columns = inputs.Select(c => Array.IndexOf(present, c) is var i and >= 0
            ? (c.Name, c.Type, Values: values[i])
            : (c.Name, c.Type, Values: Unused(c.Type, rows))).ToArray();
        return new InMemoryDataView(columns, rows);
    }

    /// <summary>The input columns the model's predictions depend on.</summary>
    private static HashSet<string> Needed(ITransformer model, DataViewSchema inputSchema)
    {
        var mapper = model.GetRowToRowMapper(inputSchema);
        var predictions = mapper.OutputSchema.Where(c => PredictionColumns.Contains(c.Name)).ToArray();
        if (predictions.Length == 0) return [.. inputSchema.Select(c => c.Name)];
        return [.. mapper.GetDependencies(predictions).Select(c => c.Name)];
    }

    private static Array Unused(DataViewType type, long rows)
    {
        var parser = CsvFieldParser.For(type, allowInfinity: false);
        for (long r = 0; r < rows; r++)
        {
            // Types that cannot hold a missing value get their default: the model never reads them.
            if (parser.AddMissing() is not null) return Array.CreateInstance(type.RawType, rows);
        }
        return parser.Values;
    }

    /// <summary>
    /// Runs <paramref name="read"/> over the file decoded as UTF-8 (or as its byte-order mark says) and, when the file is
    /// not valid UTF-8, again from the start decoded as Windows-1252: what Excel on Western Windows saves as "CSV (Comma
    /// delimited)". Decoding such a file as UTF-8 would turn every accented letter into U+FFFD and merge categories
    /// ("Nîmes" and "Nèmes" both "N�mes"); Windows-1252 gives each byte a character of its own, so nothing merges.
    /// </summary>
    private static T Decoded<T>(string path, Func<SepReader, string[], T> read)
    {
        try
        {
            return ReadAs(StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            return ReadAs(Windows1252);
        }

        T ReadAs(Encoding encoding)
        {
            var (reader, header) = OpenReader(path, encoding);
            using (reader) return read(reader, header);
        }
    }

    /// <summary>The file's reader, positioned after the header line, and the header's names (repeated names included).</summary>
    private static (SepReader Reader, string[] Header) OpenReader(string path, Encoding encoding)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        Stream stream = File.OpenRead(path);
        SepReader? reader = null;
        try
        {
            if (IsGzip(stream)) stream = new GZipStream(stream, CompressionMode.Decompress);
            var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
            // The header is read as a row: Sep refuses a header with a repeated name, which only matters here when
            // the repeated column is one to read.
            reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);
            var found = false;
            while (!found && reader.MoveNext()) found = !IsBlank(reader.Current);
            if (!found) throw new CsvDataException(path, 1, null, null, "is empty; expected a header line of column names.");
            var names = new string[reader.Current.ColCount];
            for (var i = 0; i < names.Length; i++) names[i] = reader.Current[i].ToString();
            return (reader, names);
        }
        catch
        {
            reader?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>An empty line (a trailing one from an editor, a gap): skipped, as pandas skips blank lines.</summary>
    private static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row.Span.IsEmpty;

    /// <summary>A hint when the header is one field holding another common separator: the file is not comma-separated.</summary>
    private static string OtherSeparator(string[] header) =>
        header is [var only] && only.IndexOfAny([';', '\t', '|']) is var at and >= 0
            ? $" The header is one field, separated by '{(only[at] == '\t' ? "\\t" : only[at])}': this reader takes comma-separated files only."
            : "";

    private static bool IsGzip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
