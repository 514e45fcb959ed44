using Microsoft.ML;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Categorify;

/// <summary>
/// Fitted <see cref="CategorifyEstimator"/>: maps each value to its training key (0 for missing and unseen).
/// Scored and saved as ML.NET <c>MapValueToKey</c> transforms with a fixed vocabulary.
/// </summary>
public sealed class CategorifyTransformer : BuiltInChainTransformer
{
    internal CategorifyTransformer(ITransformer inner, IReadOnlyList<CategorizedColumn> columns) : base(inner) => Columns = columns;

    /// <summary>What was learned, one entry per column, in the order given.</summary>
    public IReadOnlyList<CategorizedColumn> Columns { get; }

    /// <inheritdoc />
    protected override void ValidateInput(DataViewSchema schema)
    {
        foreach (var column in Columns)
            ColumnRequirement.Check(CategorifyEstimator.Name, schema, [column.Name], [column.Type]);
    }
}
