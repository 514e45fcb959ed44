namespace MLTabularExtensions.Statistics;

/// <summary>Order statistics and moments over the non-missing values of a column, computed in double.</summary>
internal static class Moments
{
    /// <summary>
    /// Mean and sample standard deviation (n − 1) of <paramref name="values"/> with NaN replaced by
    /// <paramref name="fill"/>, or ignored as pandas does when <paramref name="fill"/> is NaN; std is 0 for n ≤ 1.
    /// </summary>
    public static (double Mean, double Std) MeanAndSampleStd(ReadOnlySpan<double> values, double fill = double.NaN)
    {
        // Two passes, always in row order, so the same values give the same bits whichever transform computes them.
        double sum = 0;
        long n = 0;
        foreach (var raw in values)
        {
            var v = double.IsNaN(raw) ? fill : raw;
            if (double.IsNaN(v)) continue;
            sum += v;
            n++;
        }
        if (n == 0) return (double.NaN, double.NaN);
        var mean = sum / n;
        double squares = 0;
        foreach (var raw in values)
        {
            var v = double.IsNaN(raw) ? fill : raw;
            if (double.IsNaN(v)) continue;
            squares += (v - mean) * (v - mean);
        }
        return (mean, n > 1 ? Math.Sqrt(squares / (n - 1)) : 0);
    }

    /// <summary>Median of the non-missing values (mean of the two middle ones for an even count), or NaN if none.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        var present = Present(values).AsSpan();
        if (present.IsEmpty) return double.NaN;
        var count = present.Length;
        var middle = count / 2;
        var upper = Select(present, middle);
        if (count % 2 == 1) return upper;
        // After selection every element left of the middle is ≤ it: the lower middle is their maximum.
        var lower = present[0];
        for (var i = 1; i < middle; i++) lower = Math.Max(lower, present[i]);
        return (lower + upper) / 2;
    }

    /// <summary>
    /// Hoare's quickselect: reorders <paramref name="values"/> so the k-th smallest is at index k with smaller or
    /// equal values before it, in O(n) on average; a full sort of a million values costs about ten times more.
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var pivot = MedianOfThree(values[left], values[left + (right - left) / 2], values[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return values[k];
        }
        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    /// <summary>Most frequent non-missing value; the smallest of tied values (pandas' <c>mode()[0]</c>); NaN if none.</summary>
    public static double Mode(ReadOnlySpan<double> values)
    {
        var best = double.NaN;
        var bestCount = 0;
        foreach (var group in Present(values).GroupBy(v => v).OrderBy(g => g.Key))
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

    // The non-missing values, copied into one buffer that the median then reorders.
    private static ArraySegment<double> Present(ReadOnlySpan<double> values)
    {
        var buffer = new double[values.Length];
        var count = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v)) buffer[count++] = v;
        }
        return new ArraySegment<double>(buffer, 0, count);
    }
}
