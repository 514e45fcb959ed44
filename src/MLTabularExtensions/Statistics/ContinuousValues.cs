using System.Numerics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Keeps every value of a numeric column in row order (NaN for missing) so that the median, mode and moments can be
/// computed exactly; rejects infinities, which have no meaningful statistic, naming the row.
/// </summary>
internal abstract class ContinuousValues(string transform, string columnName) : ColumnAccumulator(columnName)
{
    private List<double> _values = [];

    /// <summary>The transform whose fit reads this column, for error messages.</summary>
    private protected string Transform { get; } = transform;

    /// <summary>Values in row order; NaN marks a missing value.</summary>
    public ReadOnlySpan<double> Values => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values);

    public long MissingCount { get; private set; }

    public override void Bind(DataViewRowCursor cursor, long? expectedRows)
    {
        if (expectedRows is > 0 and < int.MaxValue) _values = new List<double>((int)expectedRows.Value);
        BindGetter(cursor);
    }

    private protected abstract void BindGetter(DataViewRowCursor cursor);

    public override void Merge(IReadOnlyList<ColumnAccumulator> parts, ScanOrder order)
    {
        var values = parts.Cast<ContinuousValues>().ToArray();
        _values = new List<double>(checked((int)order.Rows));
        foreach (var segment in order.Segments)
            _values.AddRange(values[segment.Part].Values.Slice((int)segment.Start, (int)segment.Length));
        MissingCount = values.Sum(v => v.MissingCount);
        // Each column's parts are let go as soon as they are merged, so the scan holds one extra column, not a copy of all.
        foreach (var part in values) part._values = [];
    }

    /// <summary>Creates the reader for a column of one of <see cref="Schema.ColumnKinds.Continuous"/>.</summary>
    public static ContinuousValues For(string transform, DataViewSchema.Column column) => column.Type.RawType switch
    {
        var t when t == typeof(float) => new Typed<float>(transform, column.Name),
        var t when t == typeof(double) => new Typed<double>(transform, column.Name),
        var t when t == typeof(int) => new Typed<int>(transform, column.Name),
        var t when t == typeof(long) => new Typed<long>(transform, column.Name),
        _ => throw new InvalidOperationException($"{transform}: column '{column.Name}' is not numeric."),
    };

    private protected void Add(double value, long row)
    {
        if (double.IsNaN(value)) MissingCount++;
        else if (double.IsInfinity(value))
            throw new InvalidOperationException(
                $"{Transform}: column '{ColumnName}' holds {(value > 0 ? "+" : "-")}infinity at row {row}; expected a finite number or NaN (missing).");
        _values.Add(value);
    }

    private sealed class Typed<T>(string transform, string columnName) : ContinuousValues(transform, columnName)
        where T : INumberBase<T>
    {
        private ValueGetter<T>? _getter;
        private T _value = T.Zero;

        private protected override void BindGetter(DataViewRowCursor cursor) => _getter = cursor.GetGetter<T>(cursor.Schema[ColumnName]);

        public override ColumnAccumulator Fork() => new Typed<T>(Transform, ColumnName);

        public override void Read(long row)
        {
            _getter!(ref _value);
            Add(double.CreateChecked(_value), row);
        }
    }
}
