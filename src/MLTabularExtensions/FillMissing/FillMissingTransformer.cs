using Microsoft.ML;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.FillMissing;

/// <summary>
/// Fitted <see cref="FillMissingEstimator"/>: replaces NaN with the training fill value and adds the <c>_na</c>
/// indicators learned in training. Scored and saved as ML.NET <c>Expression</c> transforms.
/// </summary>
public sealed class FillMissingTransformer : LearnedColumnsTransformer<FilledColumn>
{
    internal FillMissingTransformer(ITransformer inner, IReadOnlyList<FilledColumn> columns) : base(inner, FillMissingEstimator.Name, columns)
    {
    }

    /// <summary>The indicator columns this transformer adds (those with missing values in training).</summary>
    public IReadOnlyList<string> IndicatorColumns => [.. Columns.Where(c => c.IndicatorName is not null).Select(c => c.IndicatorName!)];
}
