using System.Globalization;
using MLTabularExtensions.Tests.TabularNet;

namespace MLTabularExtensions.Tests.Cli;

/// <summary>The synthetic shop rows as the CSV a user would give <c>mltab train</c> (with a date column).</summary>
internal static class ShopsCsv
{
    public static IReadOnlyList<SyntheticTabular.Row> Write(string path, int count)
    {
        var rows = SyntheticTabular.Rows(count, 3);
        File.WriteAllLines(path, rows.Select((r, i) => string.Join(",", r.Shop, r.Weekday.ToString(CultureInfo.InvariantCulture),
            r.Price.ToString("R", CultureInfo.InvariantCulture),
            float.IsNaN(r.Temperature) ? "" : r.Temperature.ToString("R", CultureInfo.InvariantCulture),
            new DateTime(2014, 1, 1).AddDays(i % 400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.Busy ? "true" : "false")).Prepend("Shop,Weekday,Price,Temperature,Day,Busy"));
        return rows;
    }
}
