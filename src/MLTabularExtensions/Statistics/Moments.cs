namespace MLTabularExtensions.Statistics;

/// <summary>Order statistics and moments over the non-missing values of a column, computed in double.</summary>
internal static class Moments
{
    /// <summary>Mean and sample standard deviation (n − 1), ignoring NaN as pandas does; std is 0 for n ≤ 1.</summary>
    public static (double Mean, double Std) MeanAndSampleStd(IEnumerable<double> values)
    {
        // Two passes, always in row order, so the same values give the same bits whichever transform computes them.
        double sum = 0;
        long n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            n++;
        }
        if (n == 0) return (double.NaN, double.NaN);
        var mean = sum / n;
        double squares = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            squares += (v - mean) * (v - mean);
        }
        return (mean, n > 1 ? Math.Sqrt(squares / (n - 1)) : 0);
    }

    /// <summary>Median of the non-missing values (mean of the two middle ones for an even count), or NaN if none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Most frequent non-missing value; the smallest of tied values (pandas' <c>mode()[0]</c>); NaN if none.</summary>
    public static double Mode(IEnumerable<double> values)
    {
        var best = double.NaN;
        var bestCount = 0;
        foreach (var group in values.Where(v => !double.IsNaN(v)).GroupBy(v => v).OrderBy(g => g.Key))
        {
            var count = group.Count();
            if (count > bestCount)
            {
                best = group.Key;
                bestCount = count;
            }
        }
        return best;
    }
}
