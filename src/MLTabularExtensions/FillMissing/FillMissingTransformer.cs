using Microsoft.ML;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.FillMissing;

/// <summary>
/// Fitted <see cref="FillMissingEstimator"/>: replaces NaN with the training fill value and adds the <c>_na</c>
/// indicators learned in training. Scored and saved as ML.NET <c>Expression</c> transforms.
/// </summary>
public sealed class FillMissingTransformer : BuiltInChainTransformer
{
    internal FillMissingTransformer(ITransformer inner, IReadOnlyList<FilledColumn> columns) : base(inner) => Columns = columns;

    /// <summary>What was learned, one entry per input column, in the order given.</summary>
    public IReadOnlyList<FilledColumn> Columns { get; }

    /// <summary>The indicator columns this transformer adds (those with missing values in training).</summary>
    public IReadOnlyList<string> IndicatorColumns => [.. Columns.Where(c => c.IndicatorName is not null).Select(c => c.IndicatorName!)];

    /// <inheritdoc />
    protected override void ValidateInput(Microsoft.ML.DataViewSchema schema)
    {
        foreach (var column in Columns)
            ColumnRequirement.Check(FillMissingEstimator.Name, schema, [column.Name], [column.Type]);
    }
}
