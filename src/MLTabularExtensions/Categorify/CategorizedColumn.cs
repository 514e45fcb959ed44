using Microsoft.ML.Data;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Categorify;

/// <summary>What <see cref="CategorifyEstimator"/> learned for one column.</summary>
/// <param name="Name">The key-typed output column.</param>
/// <param name="Type">The input column's type at training time; later data must have the same.</param>
/// <param name="Vocabulary">
/// The categories in key order: element i has key i + 1. Key 0 is fastai's <c>#na#</c>: missing or unseen. The
/// array's element type is the column's (string for text).
/// </param>
public sealed record CategorizedColumn(string Name, DataViewType Type, Array Vocabulary) : ILearnedColumn
{
    /// <summary>The column read; <see cref="Name"/> unless the estimator was given an (output, input) pair.</summary>
    public string InputColumnName { get; init; } = Name;
}
