using System.Globalization;

namespace MLTabularExtensions.DateParts;

/// <summary>fastai's <c>add_datepart</c> for one value.</summary>
internal static class DatePartsCalculator
{
    /// <summary>
    /// Fills <paramref name="row"/> from a wall-clock date and its instant in Unix seconds (floored, as pandas'
    /// integer division of nanoseconds). A missing date gives NaN numbers and false flags, as pandas' NaT does.
    /// </summary>
    public static void Fill(DateTime wallClock, long? unixSeconds, DatePartsRow row)
    {
        if (unixSeconds is not { } elapsed)
        {
            row.Year = row.Month = row.Week = row.Day = row.Dayofweek = row.Dayofyear = float.NaN;
            row.Hour = row.Minute = row.Second = float.NaN;
            row.Elapsed = double.NaN;
            row.Is_month_end = row.Is_month_start = row.Is_quarter_end = row.Is_quarter_start = false;
            row.Is_year_end = row.Is_year_start = false;
            return;
        }
        var month = wallClock.Month;
        var day = wallClock.Day;
        var monthEnd = day == DateTime.DaysInMonth(wallClock.Year, month);
        row.Year = wallClock.Year;
        row.Month = month;
        row.Week = ISOWeek.GetWeekOfYear(wallClock);
        row.Day = day;
        row.Dayofweek = ((int)wallClock.DayOfWeek + 6) % 7;
        row.Dayofyear = wallClock.DayOfYear;
        row.Is_month_end = monthEnd;
        row.Is_month_start = day == 1;
        row.Is_quarter_end = monthEnd && month % 3 == 0;
        row.Is_quarter_start = day == 1 && month % 3 == 1;
        row.Is_year_end = month == 12 && day == 31;
        row.Is_year_start = month == 1 && day == 1;
        row.Elapsed = elapsed;
        row.Hour = wallClock.Hour;
        row.Minute = wallClock.Minute;
        row.Second = wallClock.Second;
    }

    /// <summary>Whole seconds since 1970-01-01T00:00Z, rounded down (so 23:59:59.5 on 1969-12-31 is −1).</summary>
    public static long UnixSeconds(long ticksSinceYearOne)
    {
        var ticks = ticksSinceYearOne - DateTime.UnixEpoch.Ticks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        // Integer division truncates toward zero; pandas floors.
        return ticks % TimeSpan.TicksPerSecond < 0 ? seconds - 1 : seconds;
    }
}
