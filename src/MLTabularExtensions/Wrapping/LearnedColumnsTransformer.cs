using Microsoft.ML;
using MLTabularExtensions.Schema;

namespace MLTabularExtensions.Wrapping;

/// <summary>A fitted transform that learned one <typeparamref name="TColumn"/> per input column.</summary>
/// <typeparam name="TColumn">What was learned per column.</typeparam>
public abstract class LearnedColumnsTransformer<TColumn> : BuiltInChainTransformer where TColumn : ILearnedColumn
{
    private readonly string _transform;

    private protected LearnedColumnsTransformer(ITransformer inner, string transform, IReadOnlyList<TColumn> columns) : base(inner)
    {
        _transform = transform;
        Columns = columns;
    }

    /// <summary>What was learned, one entry per column, in the order given.</summary>
    public IReadOnlyList<TColumn> Columns { get; }

    /// <summary>Every learned column must be present with its training type.</summary>
    protected override void ValidateInput(DataViewSchema schema)
    {
        foreach (var column in Columns)
            ColumnRequirement.Check(_transform, schema, [column.InputColumnName], [column.Type]);
    }
}
