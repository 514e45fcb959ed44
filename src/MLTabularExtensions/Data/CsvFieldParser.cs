using System.Globalization;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Data;

/// <summary>
/// Turns the fields of one CSV column into typed values as pandas reads them: its default missing-value markers ("",
/// "NA", "NaN", "null", "N/A", …) are missing — NaN for numbers, the empty string for text — and anything else that
/// does not parse is an error naming what was expected, never a silent NaN.
/// </summary>
internal abstract class CsvFieldParser
{
    // pandas.read_csv's default na_values.
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
        "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Markers =
        MissingMarkers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Reads one field; returns null when it was taken, else what is wrong with it.</summary>
    public abstract string? Add(ReadOnlySpan<char> field);

    /// <summary>A field that the row does not have (a short row, or a column the file lacks): missing.</summary>
    public abstract string? AddMissing();

    /// <summary>The values read, one per row.</summary>
    public abstract Array Values { get; }

    public static bool IsMissing(ReadOnlySpan<char> field) => field.Length <= 8 && Markers.Contains(field);

    /// <param name="type">The column's type.</param>
    /// <param name="allowInfinity">Whether "inf"/"Infinity" may be read into a Single or Double column.</param>
    public static CsvFieldParser For(DataViewType type, bool allowInfinity) => type switch
    {
        var t when t == NumberDataViewType.Single => new Typed<float>(float.NaN, (ReadOnlySpan<char> f, out float v) =>
            !TryParseNumber(f, out var d) ? NotANumber(out v)
            : double.IsInfinity(v = (float)d) && !allowInfinity ? Infinite : null),
        var t when t == NumberDataViewType.Double => new Typed<double>(double.NaN, (ReadOnlySpan<char> f, out double v) =>
            !TryParseNumber(f, out v) ? "is not a number"
            : double.IsInfinity(v) && !allowInfinity ? Infinite : null),
        var t when t == NumberDataViewType.Int32 => new Typed<int>(null, (ReadOnlySpan<char> f, out int v) =>
            int.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out v) ? null : "is not a whole number (Int32)"),
        var t when t == NumberDataViewType.Int64 => new Typed<long>(null, (ReadOnlySpan<char> f, out long v) =>
            long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out v) ? null : "is not a whole number (Int64)"),
        var t when t == BooleanDataViewType.Instance => new Typed<bool>(null, ParseBoolean),
        var t when t == DateTimeDataViewType.Instance => new Typed<DateTime>(null, ParseDate),
        var t when t == TextDataViewType.Instance => new Text(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), $"A CSV column cannot be read as {type}; use Single, Double, Int32, Int64, Boolean, DateTime or Text."),
    };

    /// <summary>A number as .NET's invariant culture writes it, or pandas' "inf"/"-inf" (any case).</summary>
    private static bool TryParseNumber(ReadOnlySpan<char> field, out double value)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var sign = field.Length > 0 && field[0] is '-' or '+' ? field[..1] : [];
        var word = field[sign.Length..];
        if (!word.Equals("inf", StringComparison.OrdinalIgnoreCase) && !word.Equals("infinity", StringComparison.OrdinalIgnoreCase)) return false;
        value = sign is "-" ? double.NegativeInfinity : double.PositiveInfinity;
        return true;
    }

    private static string NotANumber(out float value)
    {
        value = float.NaN;
        return "is not a number";
    }

    private const string Infinite = "is infinite; expected a finite number, or an empty field for a missing one";

    /// <summary>
    /// A date or time as written: one with an offset or <c>Z</c> keeps its own wall clock (the date parts pandas gives
    /// it), where <c>DateTime.Parse</c> would convert it to this machine's time zone — "2015-07-31T00:00:00Z" would be
    /// July 30 in New York, and a model would score differently on each server.
    /// </summary>
    private static string? ParseDate(ReadOnlySpan<char> field, out DateTime value)
    {
        var parsed = DateTimeOffset.TryParse(field, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment);
        value = moment.DateTime;
        return parsed ? null : "is not a date; expected a date such as 2015-07-31 or 2015-07-31 13:45:00";
    }

    private static string? ParseBoolean(ReadOnlySpan<char> field, out bool value)
    {
        value = false;
        if (field is "1" || field.Equals("true", StringComparison.OrdinalIgnoreCase)) value = true;
        else if (field is not "0" && !field.Equals("false", StringComparison.OrdinalIgnoreCase))
            return "is not a Boolean; expected true/false or 1/0 (text classes need a multiclass task)";
        return null;
    }

    private delegate string? TryParse<T>(ReadOnlySpan<char> field, out T value);

    /// <param name="missing">The value a missing field reads as, or null when the type cannot hold one.</param>
    /// <param name="parse">Parses a field that is not a missing marker.</param>
    private sealed class Typed<T>(T? missing, TryParse<T> parse) : CsvFieldParser where T : struct
    {
        private readonly List<T> _values = [];

        public override Array Values => _values.ToArray();

        public override string? Add(ReadOnlySpan<char> field)
        {
            if (IsMissing(field)) return AddMissing();
            var problem = parse(field, out var value);
            if (problem is null) _values.Add(value);
            return problem;
        }

        public override string? AddMissing()
        {
            if (missing is not { } value) return $"is missing, and a {typeof(T).Name} column cannot hold a missing value";
            _values.Add(value);
            return null;
        }
    }

    /// <summary>Text fields; repeated values (categories) share one string.</summary>
    private sealed class Text : CsvFieldParser
    {
        private readonly List<ReadOnlyMemory<char>> _values = [];
        private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);

        public override Array Values => _values.ToArray();

        public override string? Add(ReadOnlySpan<char> field) => IsMissing(field) ? AddMissing() : AddText(field);

        public override string? AddMissing()
        {
            _values.Add(ReadOnlyMemory<char>.Empty);
            return null;
        }

        private string? AddText(ReadOnlySpan<char> field)
        {
            var lookup = _distinct.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(field, out var text))
            {
                text = field.ToString();
                _distinct.Add(text);
            }
            _values.Add(text.AsMemory());
            return null;
        }
    }
}
