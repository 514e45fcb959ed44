using nietras.SeparatedValues;

namespace MLTabularExtensions.Cli;

/// <summary>The CSV files <c>mltab</c> writes (predictions, the lesson's validation table), as RFC 4180 asks.</summary>
internal static class CsvOut
{
    /// <summary>
    /// A writer into <paramref name="target"/>, left open: Sep quotes a field that holds a comma, a quote or a line break
    /// (a multiclass model's class "big, red", PromoInterval's "Jan,Apr,Jul,Oct").
    /// </summary>
    public static SepWriter To(TextWriter target) => Sep.New(',').Writer(o => o with { Escape = true }).To(target, leaveOpen: true);
}
