using System.Globalization;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>
/// Deterministic stand-ins for the lesson's extra files (states, weather, Google trends) around
/// <see cref="SyntheticRossmann"/>'s days, so the whole lesson runs on a fresh clone.
/// </summary>
public static class SyntheticRossmannSources
{
    private static readonly string[] States = ["BE", "BW", "BY", "HB,NI", "HE", "HH", "NW", "RP", "SH", "SN", "ST", "TH"];
    private static readonly string[] Events = ["", "", "", "Rain", "Fog", "Rain-Thunderstorm", "Snow"];

    /// <summary>Sources for <paramref name="stores"/> generated stores.</summary>
    /// <param name="stores">Number of stores.</param>
    /// <param name="seed">Same seed, same sources.</param>
    public static RossmannSources Generate(int stores = 60, int seed = 42)
    {
        var days = SyntheticRossmann.Generate(stores, seed);
        var random = new Random(seed + 1);
        var storeStates = Enumerable.Range(1, stores).ToDictionary(s => s, s => States[s % States.Length]);
        var dates = days.Select(d => d.Date).Distinct().Order().ToArray();
        var weather = new Dictionary<(string, DateTime), WeatherDay>();
        var stateTrend = new Dictionary<(string, int, int), float>();
        var nationalTrend = new Dictionary<(int, int), float>();
        foreach (var date in dates)
        {
            var season = Math.Sin(2 * Math.PI * (date.DayOfYear - 100) / 365.25);
            var key = (date.Year, ISOWeek.GetWeekOfYear(date));
            nationalTrend.TryAdd(key, (float)Math.Round(70 + 10 * season + random.Next(5)));
            foreach (var state in States)
            {
                var mean = (float)Math.Round(10 + 10 * season + random.NextDouble() * 4);
                weather[(state, date)] = new WeatherDay(mean + 5, mean, mean - 5, 90, 75, 50, 20, 10,
                    random.Next(20) == 0 ? float.NaN : random.Next(9), Events[random.Next(Events.Length)]);
                stateTrend.TryAdd((state, key.Year, key.Item2), (float)Math.Round(60 + 15 * season + random.Next(10)));
            }
        }
        return new RossmannSources(days, storeStates, weather, stateTrend, nationalTrend);
    }
}
