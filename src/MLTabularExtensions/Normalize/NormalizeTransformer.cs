using Microsoft.ML;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Normalize;

/// <summary>
/// Fitted <see cref="NormalizeEstimator"/>: applies the training mean and standard deviation unchanged to any data.
/// Scored and saved as ML.NET <c>Expression</c> transforms.
/// </summary>
public sealed class NormalizeTransformer : LearnedColumnsTransformer<NormalizedColumn>
{
    internal NormalizeTransformer(ITransformer inner, IReadOnlyList<NormalizedColumn> columns) : base(inner, NormalizeEstimator.Name, columns)
    {
    }
}
