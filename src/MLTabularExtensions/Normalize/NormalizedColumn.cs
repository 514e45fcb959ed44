using Microsoft.ML.Data;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Normalize;

/// <summary>What <see cref="NormalizeEstimator"/> learned for one column: output = (x − Mean) / (Std + Epsilon).</summary>
/// <param name="Name">The normalized output column.</param>
/// <param name="Type">The input column's type at training time; later data must have the same.</param>
/// <param name="Mean">Training mean.</param>
/// <param name="Std">Training sample standard deviation (n − 1); 0 for a single row.</param>
/// <param name="Epsilon">Added to <paramref name="Std"/> before dividing.</param>
public sealed record NormalizedColumn(string Name, DataViewType Type, double Mean, double Std, double Epsilon) : ILearnedColumn
{
    /// <summary>The column read; <see cref="Name"/> unless the estimator was given an (output, input) pair.</summary>
    public string InputColumnName { get; init; } = Name;
}
