using Microsoft.ML.Data;

namespace MLTabularExtensions.DateParts;

/// <summary>
/// Output row of the date-parts <c>CustomMapping</c>. Its column names are private to the transform (the estimator
/// copies them to the user's prefixed names and drops these), so they never collide with user columns.
/// </summary>
public sealed class DatePartsRow
{
    internal const string Prefix = "mltab.dateparts.";

#pragma warning disable CS1591 // One property per fastai add_datepart attribute; names say it all.
    [ColumnName(Prefix + "Year")] public float Year { get; set; }
    [ColumnName(Prefix + "Month")] public float Month { get; set; }
    [ColumnName(Prefix + "Week")] public float Week { get; set; }
    [ColumnName(Prefix + "Day")] public float Day { get; set; }
    [ColumnName(Prefix + "Dayofweek")] public float Dayofweek { get; set; }
    [ColumnName(Prefix + "Dayofyear")] public float Dayofyear { get; set; }
    [ColumnName(Prefix + "Is_month_end")] public bool Is_month_end { get; set; }
    [ColumnName(Prefix + "Is_month_start")] public bool Is_month_start { get; set; }
    [ColumnName(Prefix + "Is_quarter_end")] public bool Is_quarter_end { get; set; }
    [ColumnName(Prefix + "Is_quarter_start")] public bool Is_quarter_start { get; set; }
    [ColumnName(Prefix + "Is_year_end")] public bool Is_year_end { get; set; }
    [ColumnName(Prefix + "Is_year_start")] public bool Is_year_start { get; set; }
    [ColumnName(Prefix + "Elapsed")] public double Elapsed { get; set; }
    [ColumnName(Prefix + "Hour")] public float Hour { get; set; }
    [ColumnName(Prefix + "Minute")] public float Minute { get; set; }
    [ColumnName(Prefix + "Second")] public float Second { get; set; }
#pragma warning restore CS1591

    /// <summary>The parts every date gets, in fastai's order.</summary>
    internal static readonly string[] DateNames =
    [
        "Year", "Month", "Week", "Day", "Dayofweek", "Dayofyear", "Is_month_end", "Is_month_start", "Is_quarter_end",
        "Is_quarter_start", "Is_year_end", "Is_year_start", "Elapsed",
    ];

    /// <summary>The parts added with <c>includeTime</c>.</summary>
    internal static readonly string[] TimeNames = ["Hour", "Minute", "Second"];
}
