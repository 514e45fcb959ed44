using System.Globalization;
using Microsoft.ML;
using MLTabularExtensions.Data;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>Reads the lesson's files: Kaggle's train/store plus store_states, state_names, googletrend and weather.</summary>
public static class RossmannSourceFiles
{
    /// <summary>All sources from <paramref name="folder"/> (train.csv and weather.csv may be gzipped).</summary>
    /// <param name="context">ML.NET context for the large CSV.</param>
    /// <param name="folder">The folder with Kaggle's and fast.ai's files.</param>
    public static RossmannSources Load(MLContext context, string folder)
    {
        var days = RossmannFiles.LoadTrainJoinedWithStore(context, folder);
        var storeStates = Lines(folder, "store_states.csv").ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => f[1]);
        var stateCodes = Lines(folder, "state_names.csv").ToDictionary(f => f[0], f => f[1]);
        var weather = new Dictionary<(string, DateTime), WeatherDay>();
        foreach (var f in Lines(folder, "weather.csv"))
        {
            if (!stateCodes.TryGetValue(f[0], out var state))
                throw new InvalidDataException($"weather.csv: state '{f[0]}' is not in state_names.csv.");
            weather[(state, Date(f[1]))] = new WeatherDay(Number(f[2]), Number(f[3]), Number(f[4]), Number(f[8]),
                Number(f[9]), Number(f[10]), Number(f[17]), Number(f[18]), Number(f[21]), f[22] == "NA" ? "" : f[22]);
        }
        var stateTrend = new Dictionary<(string, int, int), float>();
        var nationalTrend = new Dictionary<(int, int), float>();
        foreach (var f in Lines(folder, "googletrend.csv"))
        {
            // The week "2012-12-02 - 2012-12-08" is dated by its first day; fastai joins on that day's Year and ISO week.
            var start = Date(f[1][..10]);
            var key = (start.Year, ISOWeek.GetWeekOfYear(start));
            var value = Number(f[2]);
            var parts = f[0].Split('_');
            if (parts.Length < 3)
            {
                nationalTrend.TryAdd(key, value);
                continue;
            }
            var state = parts[2] == "NI" ? "HB,NI" : parts[2];
            stateTrend.TryAdd((state, key.Year, key.Item2), value);
        }
        return new RossmannSources(days, storeStates, weather, stateTrend, nationalTrend);
    }

    private static IEnumerable<string[]> Lines(string folder, string name) => CsvData.ReadFields(RossmannFiles.Find(folder, name));

    private static DateTime Date(string text) => DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static float Number(string text) =>
        text is "" or "NA" ? float.NaN : float.Parse(text, CultureInfo.InvariantCulture);
}
