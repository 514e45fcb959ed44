using System.Text;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Orders strings by Unicode code point, as Python compares str. Ordinal UTF-16 order differs only where a surrogate
/// (half of a character above U+FFFF) meets a character in U+E000–U+FFFF, which it must sort above.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length) return x.Length.CompareTo(y.Length);
        char a = x[common], b = y[common];
        bool surrogateA = char.IsSurrogate(a), surrogateB = char.IsSurrogate(b);
        // A character above U+FFFF (a surrogate pair) is above every character that fits in one UTF-16 unit.
        if (surrogateA != surrogateB) return surrogateA ? 1 : -1;
        return a.CompareTo(b);
    }
}
