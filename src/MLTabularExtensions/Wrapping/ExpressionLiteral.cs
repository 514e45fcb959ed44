using System.Globalization;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Wrapping;

/// <summary>Writes a learned constant into ML.NET expression-language source, exactly, in the column's precision.</summary>
internal static class ExpressionLiteral
{
    /// <summary>A Single literal (the language's default) or a Double literal (suffix <c>d</c>) for <paramref name="type"/>.</summary>
    public static string For(double value, DataViewType type)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite constants can be baked into an expression.");
        var isDouble = type == NumberDataViewType.Double;
        var text = isDouble
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : ((float)value).ToString("R", CultureInfo.InvariantCulture);
        // "3" would lex as an integer literal: keep it floating point.
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal)) text += ".0";
        return isDouble ? text + "d" : text;
    }

    /// <summary>The expression's view of a numeric input: integers are widened to Single, as fastai casts them.</summary>
    public static string Widened(DataViewType type) =>
        type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64 ? "single(x)" : "x";

    /// <summary>The type the expression produces for an input of <paramref name="type"/>.</summary>
    public static DataViewType ResultType(DataViewType type) =>
        type == NumberDataViewType.Double ? NumberDataViewType.Double : NumberDataViewType.Single;
}
