using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Statistics;

/// <summary>Counts the distinct non-missing values of a categorical column (missing = NaN or empty text).</summary>
internal abstract class CategoryCounts(string columnName) : IColumnAccumulator
{
    public string ColumnName { get; } = columnName;

    public abstract void Bind(DataViewRowCursor cursor, long? expectedRows);

    public abstract void Read(long row);

    /// <summary>The kept values in vocabulary order, boxed as the column's raw type (string for text).</summary>
    public abstract Array Vocabulary(CategoryLimits limits);

    /// <summary>Creates the counter for a column of one of <see cref="Schema.ColumnKinds.Categorical"/>.</summary>
    public static CategoryCounts For(string transform, DataViewSchema.Column column) => column.Type.RawType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => new TextCategoryCounts(column.Name),
        var t when t == typeof(float) => new ValueCategoryCounts<float>(column.Name, float.IsNaN),
        var t when t == typeof(double) => new ValueCategoryCounts<double>(column.Name, double.IsNaN),
        var t when t == typeof(int) => new ValueCategoryCounts<int>(column.Name, _ => false),
        var t when t == typeof(long) => new ValueCategoryCounts<long>(column.Name, _ => false),
        var t when t == typeof(bool) => new ValueCategoryCounts<bool>(column.Name, _ => false),
        _ => throw new InvalidOperationException($"{transform}: column '{column.Name}' has unsupported type {column.Type}."),
    };
}

/// <summary>Counts of a value-typed column; the vocabulary sorts in natural order (false before true).</summary>
internal sealed class ValueCategoryCounts<T>(string columnName, Func<T, bool> isMissing) : CategoryCounts(columnName)
    where T : struct, IComparable<T>
{
    private readonly Dictionary<T, long> _counts = [];
    private ValueGetter<T>? _getter;
    private T _value;
    // Tables are often sorted by date or key, so a value tends to repeat on consecutive rows: count a run locally
    // and touch the dictionary once per run.
    private T _run;
    private long _runLength;

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="value"/> without reading a row.</summary>
    public void Add(T value, long count)
    {
        if (count > 0) _counts[value] = _counts.GetValueOrDefault(value) + count;
    }

    public override void Bind(DataViewRowCursor cursor, long? expectedRows) => _getter = cursor.GetGetter<T>(cursor.Schema[ColumnName]);

    public override void Read(long row)
    {
        _getter!(ref _value);
        if (isMissing(_value)) return;
        if (_runLength > 0 && _value.CompareTo(_run) == 0)
        {
            _runLength++;
            return;
        }
        FlushRun();
        _run = _value;
        _runLength = 1;
    }

    public override Array Vocabulary(CategoryLimits limits)
    {
        FlushRun();
        return limits.Select(_counts, Comparer<T>.Default);
    }

    private void FlushRun()
    {
        if (_runLength == 0) return;
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, _run, out _);
        count += _runLength;
        _runLength = 0;
    }
}

/// <summary>Counts of a text column; the vocabulary sorts by Unicode code point, as Python's <c>sorted</c>.</summary>
internal sealed class TextCategoryCounts(string columnName) : CategoryCounts(columnName)
{
    // One string per distinct value; rows are looked up by their span, so a repeated value allocates nothing.
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private ValueGetter<ReadOnlyMemory<char>>? _getter;
    private ReadOnlyMemory<char> _value;

    public override void Bind(DataViewRowCursor cursor, long? expectedRows) =>
        _getter = cursor.GetGetter<ReadOnlyMemory<char>>(cursor.Schema[ColumnName]);

    public override void Read(long row)
    {
        _getter!(ref _value);
        if (_value.IsEmpty) return;
        // A new key is copied out of the row's buffer, which the loader may reuse.
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
            _counts.GetAlternateLookup<ReadOnlySpan<char>>(), _value.Span, out _);
        count++;
    }

    public override Array Vocabulary(CategoryLimits limits) => limits.Select(_counts, CodePointComparer.Instance);
}
