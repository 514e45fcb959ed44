using System.Runtime.CompilerServices;

namespace MLTabularExtensions.TabularPreprocess;

/// <summary>
/// The key map of a vocabulary of whole numbers in a compact range (a store id, a year, a month, a week, a flag): the key of x
/// is an array read at x − min, where a dictionary lookup (hash, probe, compare) costs several times as much per cell.
/// Anything not in the vocabulary — a fraction, NaN, a number outside the range or in a gap of it — gets key 0, as
/// <c>MapValueToKey</c> gives an unseen value.
/// </summary>
internal sealed class DenseKeys
{
    // A wider range keeps the dictionary: the array would be mostly gaps.
    private const long MinSlots = 4096;
    private const long SlotsPerCategory = 4;

    private readonly uint[] _keys;
    private readonly long _min;

    private DenseKeys(long min, uint[] keys)
    {
        _min = min;
        _keys = keys;
    }

    /// <summary>The map of <paramref name="vocabulary"/> (key = position + 1), or null when a value is not a whole number or the range is too wide.</summary>
    public static DenseKeys? TryCreate(IReadOnlyList<double> vocabulary)
    {
        // An empty vocabulary (every category below MinFrequency) maps everything to 0.
        if (vocabulary.Count == 0) return new DenseKeys(0, []);
        if (vocabulary.Any(v => !double.IsInteger(v) || Math.Abs(v) > 1L << 52)) return null;
        var (min, max) = ((long)vocabulary.Min(), (long)vocabulary.Max());
        if (max - min + 1 > Math.Max(MinSlots, SlotsPerCategory * vocabulary.Count)) return null;
        var keys = new uint[max - min + 1];
        for (var i = 0; i < vocabulary.Count; i++) keys[(long)vocabulary[i] - min] = (uint)i + 1;
        return new DenseKeys(min, keys);
    }

    /// <summary>The key of a value of a column's raw type (Single, Double, Int32, Int64 or Boolean, as 0 and 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Of<T>(T value) where T : struct
    {
        // typeof(T) is a constant in each instantiation, so the JIT keeps one branch.
        if (typeof(T) == typeof(int)) return Of((long)Unsafe.As<T, int>(ref value));
        if (typeof(T) == typeof(long)) return Of(Unsafe.As<T, long>(ref value));
        if (typeof(T) == typeof(bool)) return Of(Unsafe.As<T, bool>(ref value) ? 1L : 0L);
        if (typeof(T) == typeof(float)) return Of((double)Unsafe.As<T, float>(ref value));
        if (typeof(T) == typeof(double)) return Of(Unsafe.As<T, double>(ref value));
        throw new NotSupportedException($"No array keys for {typeof(T).Name}.");
    }

    /// <summary>The key of a whole number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Of(long value) => (ulong)(value - _min) < (ulong)_keys.Length ? _keys[value - _min] : 0;

    /// <summary>The key of a number: 0 unless it is a whole number in the vocabulary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Of(double value)
    {
        // The conversion saturates (NaN gives 0), so a value that does not survive the round trip is not whole.
        var whole = (long)value;
        return whole == value ? Of(whole) : 0;
    }
}
