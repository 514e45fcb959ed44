using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>
/// fast.ai's <c>rossman_data_clean</c>: joins states, weather and Google trends onto train ⋈ store, derives the
/// before/after-holiday counts, 7-day rolling event sums and competition/promo durations, and keeps the rows with
/// sales (docs/ROSSMANN.md, steps 1–8). Beyond the lesson, it also counts the days to and from each store's long closures
/// (<see cref="StoreClosures"/>).
/// </summary>
public static class RossmannLesson
{
    private const int Window = 7;

    /// <summary>The lesson's split: the last six weeks of train.csv (40,282 rows with sales) are the validation set.</summary>
    public static readonly DateTime ValidationStart = new(2015, 6, 20);

    /// <summary>
    /// Stores in the generated data set. With 60, five epochs are 460 steps and the validation RMSPE ended anywhere in
    /// 0.095–0.19 depending on the seed; with 200 (~30 s for the whole of <c>mltab rossmann</c>) it ended in 0.050–0.096 (each store's own
    /// mean scores 0.18).
    /// </summary>
    public const int GeneratedStores = 200;

    /// <summary>
    /// The lesson's preprocessing of <see cref="LessonRow"/>s: date parts of <c>Date</c>, then FillMissing, Categorify and
    /// Normalize of <paramref name="categoricalColumns"/> (default: the lesson's) and <see cref="LessonRow.ContinuousColumns"/>.
    /// </summary>
    /// <param name="context">The context to build the estimators in.</param>
    /// <param name="categoricalColumns">The categorical columns; null for <see cref="LessonRow.CategoricalColumns"/>.</param>
    public static EstimatorChain<TabularPreprocessTransformer> Preprocessing(MLContext context, IReadOnlyList<string>? categoricalColumns = null) =>
        context.Transforms.AddDateParts(nameof(LessonRow.Date))
            .Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = categoricalColumns ?? LessonRow.CategoricalColumns,
                ContinuousColumns = LessonRow.ContinuousColumns,
            }));

    /// <summary>The lesson's table, in train.csv's order, rows with Sales = 0 removed.</summary>
    /// <param name="sources">The joined sources.</param>
    public static List<LessonRow> Build(RossmannSources sources)
    {
        var rows = sources.Days.Select(day => Join(day, sources)).ToList();
        foreach (var store in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Store))
        {
            var indexes = store.OrderBy(i => rows[i].Date).ToArray();
            var ordered = indexes.Select(i => rows[i]).ToArray();
            var (toClosure, fromClosure) = StoreClosures.Distances(
                [.. ordered.Select(r => r.Date)], [.. indexes.Select(i => sources.Days[i].Open == 0)]);
            var holidays = ordered.Select(r => r.StateHoliday).ToArray();
            var (after, before) = Elapsed(ordered, holidays);
            var promo = ordered.Select(r => r.Promo > 0).ToArray();
            var school = ordered.Select(r => r.SchoolHoliday > 0).ToArray();
            var (promoBackward, promoForward) = Rolling(promo);
            var (holidayBackward, holidayForward) = Rolling(holidays);
            var (schoolBackward, schoolForward) = Rolling(school);
            for (var i = 0; i < ordered.Length; i++)
            {
                var row = ordered[i];
                row.AfterStateHoliday = after[i];
                row.BeforeStateHoliday = before[i];
                row.Promo_bw = promoBackward[i];
                row.Promo_fw = promoForward[i];
                row.StateHoliday_bw = holidayBackward[i];
                row.StateHoliday_fw = holidayForward[i];
                row.SchoolHoliday_bw = schoolBackward[i];
                row.SchoolHoliday_fw = schoolForward[i];
                row.DaysToClosure = toClosure[i];
                row.DaysFromClosure = fromClosure[i];
            }
        }
        return [.. rows.Where(r => r.Sales != 0)];
    }

    private static LessonRow Join(RossmannRow day, RossmannSources sources)
    {
        if (!sources.StoreStates.TryGetValue(day.Store, out var state))
            throw new InvalidDataException($"Store {day.Store} has no state in store_states.csv.");
        var weather = sources.Weather.GetValueOrDefault((state, day.Date));
        var week = ISOWeek.GetWeekOfYear(day.Date);
        var competitionYear = float.IsNaN(day.CompetitionOpenSinceYear) ? 1900 : (int)day.CompetitionOpenSinceYear;
        var competitionMonth = float.IsNaN(day.CompetitionOpenSinceMonth) ? 1 : (int)day.CompetitionOpenSinceMonth;
        var promo2Year = float.IsNaN(day.Promo2SinceYear) ? 1900 : (int)day.Promo2SinceYear;
        var promo2Week = float.IsNaN(day.Promo2SinceWeek) ? 1 : (int)day.Promo2SinceWeek;
        return new LessonRow
        {
            Store = day.Store,
            DayOfWeek = day.DayOfWeek,
            Date = day.Date,
            Sales = day.Sales,
            Promo = day.Promo,
            StateHoliday = day.StateHoliday != "0",
            SchoolHoliday = day.SchoolHoliday,
            StoreType = day.StoreType,
            Assortment = day.Assortment,
            PromoInterval = day.PromoInterval,
            CompetitionDistance = day.CompetitionDistance,
            CompetitionOpenSinceYear = competitionYear,
            Promo2SinceYear = promo2Year,
            CompetitionMonthsOpen = CompetitionMonths(day.Date, competitionYear, competitionMonth),
            Promo2Weeks = Promo2Weeks(day.Date, promo2Year, promo2Week),
            State = state,
            Events = weather?.Events ?? "",
            Max_TemperatureC = weather?.MaxTemperature ?? float.NaN,
            Mean_TemperatureC = weather?.MeanTemperature ?? float.NaN,
            Min_TemperatureC = weather?.MinTemperature ?? float.NaN,
            Max_Humidity = weather?.MaxHumidity ?? float.NaN,
            Mean_Humidity = weather?.MeanHumidity ?? float.NaN,
            Min_Humidity = weather?.MinHumidity ?? float.NaN,
            Max_Wind_SpeedKm_h = weather?.MaxWind ?? float.NaN,
            Mean_Wind_SpeedKm_h = weather?.MeanWind ?? float.NaN,
            CloudCover = weather?.CloudCover ?? float.NaN,
            trend = sources.StateTrend.TryGetValue((state, day.Date.Year, week), out var t) ? t : float.NaN,
            trend_DE = sources.NationalTrend.TryGetValue((day.Date.Year, week), out var national) ? national : float.NaN,
        };
    }

    /// <summary>Days since the last event day (0 before the first) and days until the next (≤ 0; 0 after the last).</summary>
    internal static (float[] After, float[] Before) Elapsed(LessonRow[] ordered, bool[] events)
    {
        var after = new float[ordered.Length];
        var before = new float[ordered.Length];
        DateTime? last = null;
        for (var i = 0; i < ordered.Length; i++)
        {
            if (events[i]) last = ordered[i].Date;
            after[i] = last is { } l ? (float)(ordered[i].Date - l).TotalDays : 0;
        }
        DateTime? next = null;
        for (var i = ordered.Length - 1; i >= 0; i--)
        {
            if (events[i]) next = ordered[i].Date;
            before[i] = next is { } n ? (float)(ordered[i].Date - n).TotalDays : 0;
        }
        return (after, before);
    }

    /// <summary>Event days among this row and the 6 before it, and among this row and the 6 after it (pandas rolling(7, min_periods=1)).</summary>
    internal static (float[] Backward, float[] Forward) Rolling(bool[] events)
    {
        var backward = new float[events.Length];
        var forward = new float[events.Length];
        var sum = 0;
        for (var i = 0; i < events.Length; i++)
        {
            sum += events[i] ? 1 : 0;
            if (i >= Window) sum -= events[i - Window] ? 1 : 0;
            backward[i] = sum;
        }
        sum = 0;
        for (var i = events.Length - 1; i >= 0; i--)
        {
            sum += events[i] ? 1 : 0;
            if (i + Window < events.Length) sum -= events[i + Window] ? 1 : 0;
            forward[i] = sum;
        }
        return (backward, forward);
    }

    /// <summary>Months (of 30 days) since the competitor opened on the 15th of its month, capped at 24; 0 before 1990 or before opening.</summary>
    internal static int CompetitionMonths(DateTime date, int year, int month)
    {
        if (year < 1990) return 0;
        var days = (date - new DateTime(year, month, 15)).Days;
        return Math.Min(24, Math.Max(0, days) / 30);
    }

    /// <summary>Weeks since the Monday of Promo2's ISO start week, in 0..25; 0 before 1990 or before the start.</summary>
    internal static int Promo2Weeks(DateTime date, int year, int week)
    {
        if (year < 1990) return 0;
        var days = (date - ISOWeek.ToDateTime(year, week, System.DayOfWeek.Monday)).Days;
        return Math.Clamp(Math.Max(0, days) / 7, 0, 25);
    }
}
