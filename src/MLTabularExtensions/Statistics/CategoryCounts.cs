using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Statistics;

/// <summary>Counts the distinct non-missing values of a categorical column (missing = NaN or empty text).</summary>
internal abstract class CategoryCounts(string columnName) : ColumnAccumulator(columnName)
{
    /// <summary>The kept values in vocabulary order, boxed as the column's raw type (string for text).</summary>
    public abstract Array Vocabulary(CategoryLimits limits);

    /// <summary>Creates the counter for a column of one of <see cref="Schema.ColumnKinds.Categorical"/>.</summary>
    public static CategoryCounts For(string transform, DataViewSchema.Column column) => column.Type.RawType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => new TextCategoryCounts(column.Name),
        var t when t == typeof(float) => new ValueCategoryCounts<float>(column.Name),
        var t when t == typeof(double) => new ValueCategoryCounts<double>(column.Name),
        var t when t == typeof(int) => new ValueCategoryCounts<int>(column.Name),
        var t when t == typeof(long) => new ValueCategoryCounts<long>(column.Name),
        var t when t == typeof(bool) => new ValueCategoryCounts<bool>(column.Name),
        _ => throw new InvalidOperationException($"{transform}: column '{column.Name}' has unsupported type {column.Type}."),
    };
}

/// <summary>Counts of a value-typed column; the vocabulary sorts in natural order (false before true).</summary>
internal sealed class ValueCategoryCounts<T>(string columnName) : CategoryCounts(columnName)
    where T : struct, IComparable<T>
{
    // Whole numbers from 0 to MaxDenseSlots − 1 (ids, years, months, weeks, flags) are counted in an array indexed by
    // the value, which costs a fraction of a dictionary's hash, probe and compare per cell; the dictionary holds the rest.
    private const int MaxDenseSlots = 1 << 16;
    private const int MinDenseSlots = 16;

    private readonly Dictionary<T, long> _counts = [];
    private long[] _dense = [];
    // −0 and +0 share slot 0, as they share a dictionary entry; the vocabulary keeps the first one read, as a dictionary would.
    private T _zero;
    private long _zeroRow;
    private ValueGetter<T>? _getter;
    private T _value;
    // Tables are often sorted by date or key, so a value the array does not hold tends to repeat on consecutive rows:
    // count a run locally and touch the dictionary once per run.
    private T _run;
    private long _runLength;

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="value"/> without reading a row.</summary>
    public void Add(T value, long count)
    {
        if (count > 0) Count(value, Slot(value), count, row: -1);
    }

    public override void Bind(DataViewRowCursor cursor, long? expectedRows) => _getter = cursor.GetGetter<T>(cursor.Schema[ColumnName]);

    public override void Read(long row)
    {
        _getter!(ref _value);
        var slot = Slot(_value);
        if ((ulong)slot < (ulong)_dense.Length && (slot != 0 || !HasSignedZero)) _dense[slot]++;
        else Count(_value, slot, 1, row);
    }

    public override ColumnAccumulator Fork() => new ValueCategoryCounts<T>(ColumnName);

    public override void Merge(IReadOnlyList<ColumnAccumulator> parts, ScanOrder order)
    {
        var firstZero = long.MaxValue;
        for (var part = 0; part < parts.Count; part++)
        {
            var counts = (ValueCategoryCounts<T>)parts[part];
            counts.FlushRun();
            foreach (var (value, count) in counts._counts)
            {
                ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, value, out _);
                total += count;
            }
            if (counts._dense.Length > _dense.Length) Array.Resize(ref _dense, counts._dense.Length);
            for (var slot = 0; slot < counts._dense.Length; slot++) _dense[slot] += counts._dense[slot];
            if (counts._dense is [> 0, ..] && order.DataRow(part, counts._zeroRow) is var row && row < firstZero)
                (firstZero, _zero) = (row, counts._zero);
        }
    }

    public override Array Vocabulary(CategoryLimits limits)
    {
        FlushRun();
        for (var slot = 0; slot < _dense.Length; slot++)
        {
            if (_dense[slot] > 0) _counts.Add(slot == 0 ? _zero : FromSlot(slot), _dense[slot]);
        }
        _dense = [];
        return limits.Select(_counts, Comparer<T>.Default);
    }

    private void Count(T value, long slot, long count, long row)
    {
        if (IsMissing(value)) return;
        if (slot is >= 0 and < MaxDenseSlots)
        {
            if (slot >= _dense.Length) Array.Resize(ref _dense, (int)Math.Max(MinDenseSlots, BitOperations.RoundUpToPowerOf2((ulong)slot + 1)));
            if (slot == 0 && _dense[0] == 0) (_zero, _zeroRow) = (value, row);
            _dense[slot] += count;
            return;
        }
        if (_runLength > 0 && value.CompareTo(_run) == 0)
        {
            _runLength += count;
            return;
        }
        FlushRun();
        _run = value;
        _runLength = count;
    }

    private void FlushRun()
    {
        if (_runLength == 0) return;
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, _run, out _);
        count += _runLength;
        _runLength = 0;
    }

    // typeof(T) is a constant in each instantiation, so the JIT keeps one branch of these.
    private static bool HasSignedZero => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    private static bool IsMissing(T value) =>
        (typeof(T) == typeof(float) && float.IsNaN(Unsafe.As<T, float>(ref value)))
        || (typeof(T) == typeof(double) && double.IsNaN(Unsafe.As<T, double>(ref value)));

    /// <summary>The array slot of a whole number: the number itself; negative, meaning none, for a fraction or NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Slot(T value)
    {
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref value);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref value);
        if (typeof(T) == typeof(bool)) return Unsafe.As<T, bool>(ref value) ? 1 : 0;
        if (typeof(T) == typeof(float)) return Whole(Unsafe.As<T, float>(ref value));
        if (typeof(T) == typeof(double)) return Whole(Unsafe.As<T, double>(ref value));
        return -1;
    }

    // The conversion saturates (NaN gives 0), so a value that does not survive the round trip is not whole.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Whole(double value) => (long)value is var whole && whole == value ? whole : -1;

    private static T FromSlot(int slot)
    {
        if (typeof(T) == typeof(int)) return (T)(object)slot;
        if (typeof(T) == typeof(long)) return (T)(object)(long)slot;
        if (typeof(T) == typeof(bool)) return (T)(object)(slot == 1);
        if (typeof(T) == typeof(float)) return (T)(object)(float)slot;
        if (typeof(T) == typeof(double)) return (T)(object)(double)slot;
        throw new NotSupportedException($"No array slots for {typeof(T).Name}.");
    }
}

/// <summary>Counts of a text column; the vocabulary sorts by Unicode code point, as Python's <c>sorted</c>.</summary>
internal sealed class TextCategoryCounts(string columnName) : CategoryCounts(columnName)
{
    // One string per distinct value, numbered in order of first appearance; a repeated value allocates nothing.
    private readonly WordNumbers _words = new();
    private readonly List<long> _counts = [];
    private int _last = -1;
    private ValueGetter<ReadOnlyMemory<char>>? _getter;

    public override void Bind(DataViewRowCursor cursor, long? expectedRows) =>
        _getter = cursor.GetGetter<ReadOnlyMemory<char>>(cursor.Schema[ColumnName]);

    public override void Read(long row)
    {
        // A local, not a field: storing the text's reference in an object would cost a GC write barrier per cell.
        ReadOnlyMemory<char> value = default;
        _getter!(ref value);
        var text = value.Span;
        if (text.IsEmpty) return;
        var number = _words.Find(text, ref _last);
        if (number < 0) number = _last = Number(text);
        CollectionsMarshal.AsSpan(_counts)[number]++;
    }

    public override ColumnAccumulator Fork() => new TextCategoryCounts(ColumnName);

    // The vocabulary is sorted, so the order in which values were first seen does not matter here.
    public override void Merge(IReadOnlyList<ColumnAccumulator> parts, ScanOrder order)
    {
        foreach (var counts in parts.Cast<TextCategoryCounts>())
        {
            for (var i = 0; i < counts._words.Count; i++) _counts[Number(counts._words[i])] += counts._counts[i];
        }
    }

    public override Array Vocabulary(CategoryLimits limits) =>
        limits.Select(Enumerable.Range(0, _words.Count).ToDictionary(i => _words[i], i => _counts[i], StringComparer.Ordinal), CodePointComparer.Instance);

    private int Number(ReadOnlySpan<char> text)
    {
        if (_words.Find(text) is var number and >= 0) return number;
        _counts.Add(0);
        // A new value is copied out of the row's buffer, which the loader may reuse.
        return _words.Add(text.ToString());
    }
}
