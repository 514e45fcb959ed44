using MLTabularExtensions.FillMissing;

namespace MLTabularExtensions.TabularPreprocess;

/// <summary>
/// Options of <see cref="TabularPreprocessEstimator"/>: fastai's <c>procs=[FillMissing, Categorify, Normalize]</c>
/// over lists of categorical and continuous columns.
/// </summary>
public sealed class TabularPreprocessOptions
{
    /// <summary>Columns to categorify (String, Single, Double, Int32, Int64, Boolean); they become keys in place.</summary>
    public IReadOnlyList<string> CategoricalColumns { get; set; } = [];

    /// <summary>Columns to fill and normalize (Single, Double, Int32, Int64) in place.</summary>
    public IReadOnlyList<string> ContinuousColumns { get; set; } = [];

    /// <summary>How missing continuous values are filled. Default: median.</summary>
    public FillMissingStrategy FillStrategy { get; set; } = FillMissingStrategy.Median;

    /// <summary>Fill value for <see cref="FillMissingStrategy.Constant"/>. Default 0.</summary>
    public double FillValue { get; set; }

    /// <summary>Add <c>{column}_na</c> for continuous columns with missing training values; they join the categoricals. Default true.</summary>
    public bool AddIndicators { get; set; } = true;

    /// <summary>At most this many categories per categorical column (the most frequent); null (default) keeps all.</summary>
    public int? MaxCategories { get; set; }

    /// <summary>Minimum training count for a category to get its own key. Default 1.</summary>
    public long MinFrequency { get; set; } = 1;

    /// <summary>Added to the standard deviation when normalizing. Default 1e-7 (fastai).</summary>
    public double Epsilon { get; set; } = 1e-7;
}
