using Microsoft.ML;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Categorify;

/// <summary>
/// Fitted <see cref="CategorifyEstimator"/>: maps each value to its training key (0 for missing and unseen).
/// Scored and saved as ML.NET <c>MapValueToKey</c> transforms with a fixed vocabulary.
/// </summary>
public sealed class CategorifyTransformer : LearnedColumnsTransformer<CategorizedColumn>
{
    internal CategorifyTransformer(ITransformer inner, IReadOnlyList<CategorizedColumn> columns) : base(inner, CategorifyEstimator.Name, columns)
    {
    }
}
