using Microsoft.ML;

namespace MLTabularExtensions.FillMissing;

/// <summary>Options of <see cref="FillMissingEstimator"/> (fastai's <c>FillMissing</c> proc).</summary>
public sealed class FillMissingOptions
{
    /// <summary>
    /// The continuous columns to fill in place. Single and Double columns are filled (missing = NaN); Int32 and Int64
    /// columns are accepted and left unchanged, since they cannot hold a missing value.
    /// </summary>
    public IReadOnlyList<string> Columns { get; set; } = [];

    /// <summary>
    /// Columns written under a new name, as ML.NET's own transforms take them: each pair's input column is read and
    /// left as it is, and its output column gets the result. Used together with, or instead of, <see cref="Columns"/>.
    /// </summary>
    public IReadOnlyList<InputOutputColumnPair> ColumnPairs { get; set; } = [];

    /// <summary>How the fill value is learned from the training data. Default: <see cref="FillMissingStrategy.Median"/>.</summary>
    public FillMissingStrategy Strategy { get; set; } = FillMissingStrategy.Median;

    /// <summary>The value used by <see cref="FillMissingStrategy.Constant"/>. Default 0 (fastai's <c>fill_val</c>).</summary>
    public double FillValue { get; set; }

    /// <summary>
    /// Add a Boolean column <c>{column}_na</c> (true where the value was missing) for each column that had missing
    /// values in the training data. Default true (fastai's <c>add_col</c>).
    /// </summary>
    public bool AddIndicators { get; set; } = true;
}
