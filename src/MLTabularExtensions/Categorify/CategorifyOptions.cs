using Microsoft.ML;

namespace MLTabularExtensions.Categorify;

/// <summary>Options of <see cref="CategorifyEstimator"/> (fastai's <c>Categorify</c> proc).</summary>
public sealed class CategorifyOptions
{
    /// <summary>
    /// The categorical columns to turn into keys, in place. Accepted types: String, Single, Double, Int32, Int64,
    /// Boolean. Missing values are empty strings and NaN.
    /// </summary>
    public IReadOnlyList<string> Columns { get; set; } = [];

    /// <summary>
    /// Columns written under a new name, as ML.NET's own transforms take them: each pair's input column is read and
    /// left as it is, and its output column gets the result. Used together with, or instead of, <see cref="Columns"/>.
    /// </summary>
    public IReadOnlyList<InputOutputColumnPair> ColumnPairs { get; set; } = [];

    /// <summary>
    /// Keep at most this many categories per column, the most frequent ones (equal counts: the lower sorted values);
    /// the rest map to key 0 like unseen values. Null (default) keeps all.
    /// </summary>
    public int? MaxCategories { get; set; }

    /// <summary>A category needs at least this many training occurrences to get its own key. Default 1 (all).</summary>
    public long MinFrequency { get; set; } = 1;
}
