namespace MLTabularExtensions.Statistics;

/// <summary>Which observed categories make the vocabulary: frequent enough, and at most the most frequent N.</summary>
internal sealed record CategoryLimits(int? MaxCategories, long MinFrequency)
{
    public T[] Select<T>(IReadOnlyDictionary<T, long> counts, IComparer<T> order) where T : notnull
    {
        var kept = counts.Where(kv => kv.Value >= MinFrequency);
        if (MaxCategories is { } max)
        {
            // Most frequent first; equal counts keep the lower sorted values, so the choice is deterministic.
            kept = kept.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, order).Take(max);
        }
        var keys = kept.Select(kv => kv.Key).ToArray();
        Array.Sort(keys, order);
        return keys;
    }
}
