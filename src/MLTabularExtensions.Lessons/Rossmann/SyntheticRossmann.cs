namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>
/// A deterministic Rossmann-like data set (same columns as train ⋈ store), so the main job runs on a fresh clone
/// without Kaggle's files. Sales follow store size, weekday, promotions, holidays and season, with noise.
/// </summary>
public static class SyntheticRossmann
{
    private static readonly string[] Intervals = ["Jan,Apr,Jul,Oct", "Feb,May,Aug,Nov", "Mar,Jun,Sept,Dec"];

    /// <summary>Rows for <paramref name="stores"/> stores, one per store and day from 2013-01-01 to 2015-07-31.</summary>
    /// <param name="stores">Number of stores (Kaggle has 1,115).</param>
    /// <param name="seed">Same seed, same rows.</param>
    public static List<RossmannRow> Generate(int stores = 60, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stores, 1);
        var random = new Random(seed);
        var first = new DateTime(2013, 1, 1);
        var last = new DateTime(2015, 7, 31);
        var profiles = Enumerable.Range(1, stores).Select(s => StoreProfile.Draw(s, random)).ToArray();
        var rows = new List<RossmannRow>(stores * ((last - first).Days + 1));
        // Kaggle's order: newest date first, then by store.
        for (var date = last; date >= first; date = date.AddDays(-1))
        {
            var promo = (date.DayOfYear / 7) % 3 == 0 && date.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Friday;
            var holiday = date is { Month: 12, Day: 25 or 26 } or { Month: 1, Day: 1 } or { Month: 5, Day: 1 } ? "a" : "0";
            var school = date.Month is 7 or 8 || (date.Month == 12 && date.Day > 20);
            foreach (var store in profiles)
            {
                var open = date.DayOfWeek != DayOfWeek.Sunday && holiday == "0";
                var sales = open ? store.Sales(date, promo, school, random) : 0f;
                rows.Add(store.Row(date, promo, holiday, school, open, sales));
            }
        }
        return rows;
    }

    private sealed record StoreProfile(int Store, string Type, string Assortment, float Distance, float SinceMonth,
        float SinceYear, bool Promo2, float Promo2Week, float Promo2Year, string Interval, double Base)
    {
        public static StoreProfile Draw(int store, Random random)
        {
            var promo2 = random.NextDouble() < 0.5;
            var competitionKnown = random.NextDouble() < 0.7;
            return new StoreProfile(
                store,
                ((char)('a' + random.Next(4))).ToString(),
                ((char)('a' + random.Next(3))).ToString(),
                // Kaggle's store.csv lacks a few distances: so does this one, for every 17th store.
                store % 17 == 0 ? float.NaN : MathF.Round((float)Math.Exp(4 + random.NextDouble() * 6)),
                competitionKnown ? 1 + random.Next(12) : float.NaN,
                competitionKnown ? 2000 + random.Next(15) : float.NaN,
                promo2,
                promo2 ? 1 + random.Next(50) : float.NaN,
                promo2 ? 2009 + random.Next(6) : float.NaN,
                promo2 ? Intervals[random.Next(Intervals.Length)] : "",
                3000 + random.NextDouble() * 6000);
        }

        public float Sales(DateTime date, bool promo, bool school, Random random)
        {
            var weekday = date.DayOfWeek switch { DayOfWeek.Monday => 1.25, DayOfWeek.Saturday => 0.85, _ => 1.0 };
            var season = 1 + 0.15 * Math.Sin(2 * Math.PI * date.DayOfYear / 365.25) + (date.Month == 12 ? 0.3 : 0);
            var competition = double.IsNaN(Distance) ? 1 : 0.9 + 0.1 * Math.Min(1, Distance / 5000);
            var noise = Math.Exp(0.08 * (random.NextDouble() + random.NextDouble() - 1));
            var value = Base * weekday * season * competition * (promo ? 1.3 : 1) * (school ? 1.05 : 1) * noise;
            return MathF.Round((float)value);
        }

        public RossmannRow Row(DateTime date, bool promo, string holiday, bool school, bool open, float sales) => new()
        {
            Store = Store,
            DayOfWeek = ((int)date.DayOfWeek + 6) % 7 + 1,
            Date = date,
            Sales = sales,
            Customers = MathF.Round(sales / 9),
            Open = open ? 1 : 0,
            Promo = promo ? 1 : 0,
            StateHoliday = holiday,
            SchoolHoliday = school ? 1 : 0,
            StoreType = Type,
            Assortment = Assortment,
            CompetitionDistance = Distance,
            CompetitionOpenSinceMonth = SinceMonth,
            CompetitionOpenSinceYear = SinceYear,
            Promo2 = Promo2 ? 1 : 0,
            Promo2SinceWeek = Promo2Week,
            Promo2SinceYear = Promo2Year,
            PromoInterval = Interval,
        };
    }
}
