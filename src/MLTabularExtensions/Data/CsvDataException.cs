namespace MLTabularExtensions.Data;

/// <summary>A CSV file that cannot be read as asked, with where and what: file, line, column and the offending value.</summary>
public sealed class CsvDataException : Exception
{
    /// <summary>Creates the error; the message names everything the properties hold.</summary>
    /// <param name="path">The file.</param>
    /// <param name="line">1-based line number in the file, or null when the problem is not on one line.</param>
    /// <param name="column">The column's name, or null.</param>
    /// <param name="value">The field as written, or null.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public CsvDataException(string path, int? line, string? column, string? value, string problem)
        : base(Describe(path, line, column, value, problem))
    {
        Path = path;
        Line = line;
        Column = column;
        Value = value;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>1-based line number in the file (a quoted field may span lines: its first line).</summary>
    public int? Line { get; }

    /// <summary>The column's name from the header.</summary>
    public string? Column { get; }

    /// <summary>The field as written in the file.</summary>
    public string? Value { get; }

    private static string Describe(string path, int? line, string? column, string? value, string problem)
    {
        var where = $"'{path}'" + (line is { } l ? $", line {l}" : "") + (column is null ? "" : $", column '{column}'");
        return value is null ? $"{where}: {problem}" : $"{where}: '{value}' {problem}";
    }
}
