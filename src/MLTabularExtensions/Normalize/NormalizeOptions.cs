using Microsoft.ML;

namespace MLTabularExtensions.Normalize;

/// <summary>Options of <see cref="NormalizeEstimator"/> (fastai's <c>Normalize</c> proc).</summary>
public sealed class NormalizeOptions
{
    /// <summary>
    /// The continuous columns to standardise in place. Single and Double keep their type; Int32 and Int64 become
    /// Single, as fastai casts them to float. NaN is ignored by the statistics and stays NaN.
    /// </summary>
    public IReadOnlyList<string> Columns { get; set; } = [];

    /// <summary>
    /// Columns written under a new name, as ML.NET's own transforms take them: each pair's input column is read and
    /// left as it is, and its output column gets the result. Used together with, or instead of, <see cref="Columns"/>.
    /// </summary>
    public IReadOnlyList<InputOutputColumnPair> ColumnPairs { get; set; } = [];

    /// <summary>Added to the standard deviation so a constant column maps to 0 instead of NaN. Default 1e-7 (fastai).</summary>
    public double Epsilon { get; set; } = 1e-7;
}
