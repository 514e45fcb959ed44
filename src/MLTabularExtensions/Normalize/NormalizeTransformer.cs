using Microsoft.ML;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Normalize;

/// <summary>
/// Fitted <see cref="NormalizeEstimator"/>: applies the training mean and standard deviation unchanged to any data.
/// Scored and saved as ML.NET <c>Expression</c> transforms.
/// </summary>
public sealed class NormalizeTransformer : BuiltInChainTransformer
{
    internal NormalizeTransformer(ITransformer inner, IReadOnlyList<NormalizedColumn> columns) : base(inner) => Columns = columns;

    /// <summary>What was learned, one entry per column, in the order given.</summary>
    public IReadOnlyList<NormalizedColumn> Columns { get; }

    /// <inheritdoc />
    protected override void ValidateInput(DataViewSchema schema)
    {
        foreach (var column in Columns)
            ColumnRequirement.Check(NormalizeEstimator.Name, schema, [column.Name], [column.Type]);
    }
}
