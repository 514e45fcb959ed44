using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLTabularExtensions.DateParts;

/// <summary>Input row of the DateTime mapping. Missing = <c>default(DateTime)</c>, which ML.NET loaders produce for an empty field.</summary>
public sealed class DateTimeInputRow
{
    internal const string Column = "mltab.dateparts.input";

    /// <summary>The date; its Kind is ignored (treated as UTC wall clock, as pandas treats naive timestamps).</summary>
    [ColumnName(Column)] public DateTime Date { get; set; }
}

/// <summary>Input row of the DateTimeOffset mapping. Missing = <c>default(DateTimeOffset)</c>.</summary>
public sealed class DateTimeOffsetInputRow
{
    /// <summary>The instant: parts come from its local wall clock, Elapsed from its UTC instant (as pandas with tz).</summary>
    [ColumnName(DateTimeInputRow.Column)] public DateTimeOffset Date { get; set; }
}

/// <summary>The saved <c>CustomMapping</c> contract for DateTime columns. Stateless, so it round-trips.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class DateTimePartsFactory : CustomMappingFactory<DateTimeInputRow, DatePartsRow>
{
    internal const string ContractName = "MLTabularExtensions.DateParts.DateTime.v1";

    /// <inheritdoc />
    public override Action<DateTimeInputRow, DatePartsRow> GetMapping() => Map;

    internal static void Map(DateTimeInputRow input, DatePartsRow output)
    {
        var date = input.Date;
        DatePartsCalculator.Fill(date, date == default ? null : DatePartsCalculator.UnixSeconds(date.Ticks), output);
    }
}

/// <summary>The saved <c>CustomMapping</c> contract for DateTimeOffset columns. Stateless, so it round-trips.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class DateTimeOffsetPartsFactory : CustomMappingFactory<DateTimeOffsetInputRow, DatePartsRow>
{
    internal const string ContractName = "MLTabularExtensions.DateParts.DateTimeOffset.v1";

    /// <inheritdoc />
    public override Action<DateTimeOffsetInputRow, DatePartsRow> GetMapping() => Map;

    internal static void Map(DateTimeOffsetInputRow input, DatePartsRow output)
    {
        var date = input.Date;
        DatePartsCalculator.Fill(date.DateTime, date == default ? null : DatePartsCalculator.UnixSeconds(date.UtcTicks), output);
    }
}
