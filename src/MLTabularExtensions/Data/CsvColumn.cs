using Microsoft.ML.Data;

namespace MLTabularExtensions.Data;

/// <summary>A column of a CSV file to read, by its header name, and the ML.NET type to read it as.</summary>
/// <param name="Name">The header name (exact, case-sensitive).</param>
/// <param name="Type">Single, Double, Int32, Int64, Boolean, DateTime or Text.</param>
public sealed record CsvColumn(string Name, DataViewType Type)
{
    /// <summary>
    /// Whether every row must hold a value (a label): a missing-value marker in this column is then an error naming its
    /// line, where it would otherwise read as NaN or empty text. Default false.
    /// </summary>
    public bool Required { get; init; }
}
