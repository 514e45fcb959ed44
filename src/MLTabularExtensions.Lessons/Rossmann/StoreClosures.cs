namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>
/// Days to and from a store's long closures (a refurbishment: at least <see cref="MinimumDays"/> consecutive closed
/// days). Stores sell off stock in the two weeks before such a closure and sell almost nothing on its eve — the
/// largest single errors of the lesson's model on its validation weeks — and Kaggle's test file carries the Open flag
/// for the days to forecast, so the closures ahead are known inputs.
/// </summary>
public static class StoreClosures
{
    /// <summary>A run of at least this many closed calendar days is a long closure (Sundays and holidays close 1–2 days).</summary>
    public const int MinimumDays = 3;

    /// <summary>Counts reach this many days; farther closures (or none) count as 0.</summary>
    public const int Horizon = 30;

    /// <summary>
    /// For one store's days in date order: days until the next long closure starts and days since the last one ended,
    /// each in 1..<see cref="Horizon"/>, or 0 when there is none that close. A missing date breaks a run of closed days.
    /// </summary>
    /// <param name="dates">The store's dates, ascending.</param>
    /// <param name="closed">Whether the store was closed on each date.</param>
    public static (int[] Before, int[] After) Distances(DateTime[] dates, bool[] closed)
    {
        var runs = LongRuns(dates, closed);
        var before = new int[dates.Length];
        var after = new int[dates.Length];
        var next = 0;
        for (var i = 0; i < dates.Length; i++)
        {
            while (next < runs.Count && runs[next].End < dates[i]) next++;
            if (next < runs.Count && runs[next].Start > dates[i]) before[i] = Within((runs[next].Start - dates[i]).Days);
            if (next > 0) after[i] = Within((dates[i] - runs[next - 1].End).Days);
        }
        return (before, after);
    }

    private static int Within(int days) => days <= Horizon ? days : 0;

    private static List<(DateTime Start, DateTime End)> LongRuns(DateTime[] dates, bool[] closed)
    {
        var runs = new List<(DateTime Start, DateTime End)>();
        var start = -1;
        for (var i = 0; i <= dates.Length; i++)
        {
            if (i < dates.Length && closed[i] && start >= 0 && (dates[i] - dates[i - 1]).Days == 1) continue;
            if (start >= 0 && (dates[i - 1] - dates[start]).Days + 1 >= MinimumDays) runs.Add((dates[start], dates[i - 1]));
            start = i < dates.Length && closed[i] ? i : -1;
        }
        return runs;
    }
}
