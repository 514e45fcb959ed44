using System.Globalization;

/// <summary>A small daily sales table: store, weekday and promo effects, a distance with gaps, noise.</summary>
internal static class SalesCsv
{
    public static void Write(string path, int rows)
    {
        var random = new Random(7);
        using var writer = new StreamWriter(path);
        writer.WriteLine("Date,Store,Promo,Distance,Sales");
        for (var i = 0; i < rows; i++)
        {
            var store = random.Next(10);
            var date = new DateTime(2014, 1, 1).AddDays(random.Next(700));
            var promo = random.Next(2);
            var distance = 100 + 900 * store;
            var sales = 2000 * (1 + 0.3 * store) * (date.DayOfWeek == DayOfWeek.Saturday ? 1.6 : 1.0) * (1 + 0.4 * promo)
                        * Math.Exp(0.05 * (random.NextDouble() - 0.5));
            var shownDistance = random.NextDouble() < 0.1 ? "" : distance.ToString(CultureInfo.InvariantCulture);
            writer.WriteLine(FormattableString.Invariant($"{date:yyyy-MM-dd},S{store},{promo},{shownDistance},{sales:F0}"));
        }
    }
}
