using Microsoft.ML.Data;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.FillMissing;

/// <summary>What <see cref="FillMissingEstimator"/> learned for one column.</summary>
/// <param name="Name">The filled output column.</param>
/// <param name="Type">The input column's type at training time; later data must have the same.</param>
/// <param name="FillValue">The value that replaces NaN (NaN for integer columns, which are left unchanged).</param>
/// <param name="IndicatorName">The Boolean <c>_na</c> column added, or null when the training data had no missing value.</param>
public sealed record FilledColumn(string Name, DataViewType Type, double FillValue, string? IndicatorName) : ILearnedColumn
{
    /// <summary>The column read; <see cref="Name"/> unless the estimator was given an (output, input) pair.</summary>
    public string InputColumnName { get; init; } = Name;

    /// <summary>The fill value as the column stores it (rounded to Single for a Single column).</summary>
    public double StoredFillValue => Type == NumberDataViewType.Single ? (float)FillValue : FillValue;
}
