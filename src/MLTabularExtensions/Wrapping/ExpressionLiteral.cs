using System.Globalization;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Wrapping;

/// <summary>Writes a learned constant into ML.NET expression-language source, exactly, in the column's precision.</summary>
internal static class ExpressionLiteral
{
    /// <summary>
    /// A Single literal (the language's default) or a Double literal (suffix <c>d</c>) for <paramref name="type"/>,
    /// written as whole digits and a power of ten: <c>15e-1</c> for 1.5. ML.NET's expression lexer parses a literal
    /// with the culture of the thread that fits or loads the model, where a decimal point fails wherever the decimal
    /// separator is a comma (de-DE, fr-FR, …: "The input string '0.0' was not in a correct format"); digits and an
    /// exponent read the same in every culture.
    /// </summary>
    public static string For(double value, DataViewType type)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite constants can be baked into an expression.");
        var isDouble = type == NumberDataViewType.Double;
        if (!isDouble && !float.IsFinite((float)value)) throw new ArgumentOutOfRangeException(nameof(value), value, "The constant is beyond Single's range.");
        var text = isDouble
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : ((float)value).ToString("R", CultureInfo.InvariantCulture);
        return WholeDigits(text) + (isDouble ? "d" : "");
    }

    /// <summary>"-1.25E-05" → "-125e-7": the same decimal number without a decimal point (the exponent also keeps it a real literal).</summary>
    private static string WholeDigits(string roundTrip)
    {
        var sign = roundTrip.StartsWith('-') ? "-" : "";
        var unsigned = roundTrip[sign.Length..];
        var e = unsigned.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? unsigned : unsigned[..e];
        var exponent = e < 0 ? 0 : int.Parse(unsigned[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }
        var digits = mantissa.TrimStart('0');
        return $"{sign}{(digits.Length == 0 ? "0" : digits)}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The expression's view of a numeric input: integers are widened to Single, as fastai casts them.</summary>
    public static string Widened(DataViewType type) =>
        type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64 ? "single(x)" : "x";

    /// <summary>The type the expression produces for an input of <paramref name="type"/>.</summary>
    public static DataViewType ResultType(DataViewType type) =>
        type == NumberDataViewType.Double ? NumberDataViewType.Double : NumberDataViewType.Single;
}
