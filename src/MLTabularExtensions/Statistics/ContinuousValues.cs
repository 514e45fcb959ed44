using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Keeps every value of a numeric column in row order (NaN for missing) so that the median, mode and moments can be
/// computed exactly; rejects infinities, which have no meaningful statistic, naming the row.
/// </summary>
internal sealed class ContinuousValues(string transform, string columnName) : IColumnAccumulator
{
    private readonly List<double> _values = [];
    private Func<double>? _read;

    public string ColumnName { get; } = columnName;

    /// <summary>Values in row order; NaN marks a missing value.</summary>
    public IReadOnlyList<double> Values => _values;

    public long MissingCount { get; private set; }

    public void Bind(DataViewRowCursor cursor)
    {
        var column = cursor.Schema[ColumnName];
        _read = column.Type.RawType switch
        {
            var t when t == typeof(float) => Reader<float>(cursor, column, v => v),
            var t when t == typeof(double) => Reader<double>(cursor, column, v => v),
            var t when t == typeof(int) => Reader<int>(cursor, column, v => v),
            var t when t == typeof(long) => Reader<long>(cursor, column, v => v),
            _ => throw new InvalidOperationException($"{transform}: column '{ColumnName}' is not numeric."),
        };
    }

    public void Read(long row)
    {
        var value = _read!();
        if (double.IsNaN(value)) MissingCount++;
        else if (double.IsInfinity(value))
            throw new InvalidOperationException(
                $"{transform}: column '{ColumnName}' holds {(value > 0 ? "+" : "-")}infinity at row {row}; expected a finite number or NaN (missing).");
        _values.Add(value);
    }

    private static Func<double> Reader<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, double> widen)
    {
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return widen(value);
        };
    }
}
