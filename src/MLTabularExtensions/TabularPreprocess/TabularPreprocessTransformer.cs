using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Categorify;
using MLTabularExtensions.FillMissing;
using MLTabularExtensions.Normalize;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.TabularPreprocess;

/// <summary>
/// Fitted <see cref="TabularPreprocessEstimator"/>: the <c>_na</c> flags, Categorify (categoricals, then the flags) and
/// fill-and-normalize, with the values learned from the training data. Saved as ML.NET <c>Expression</c> and
/// <c>MapValueToKey</c> transforms; in this process its <c>Transform</c> computes the same values in one layer.
/// </summary>
public sealed class TabularPreprocessTransformer : BuiltInChainTransformer
{
    private readonly PreprocessedColumns _columns;

    internal TabularPreprocessTransformer(ITransformer inner, IReadOnlyList<FilledColumn> filled,
        IReadOnlyList<CategorizedColumn> categorized, IReadOnlyList<NormalizedColumn> normalized)
        : base(inner)
    {
        FilledColumns = filled;
        CategorizedColumns = categorized;
        NormalizedColumns = normalized;
        _columns = new PreprocessedColumns(this);
    }

    /// <summary>What FillMissing learned, per continuous column.</summary>
    public IReadOnlyList<FilledColumn> FilledColumns { get; }

    /// <summary>What Categorify learned: the categoricals, then the <c>_na</c> flags.</summary>
    public IReadOnlyList<CategorizedColumn> CategorizedColumns { get; }

    /// <summary>What Normalize learned (on the filled values), per continuous column.</summary>
    public IReadOnlyList<NormalizedColumn> NormalizedColumns { get; }

    /// <summary>The <c>_na</c> flag columns added (continuous columns with missing training values).</summary>
    public IReadOnlyList<string> IndicatorColumns => [.. FilledColumns.Where(c => c.IndicatorName is not null).Select(c => c.IndicatorName!)];

    /// <summary>The key-typed output columns a model should embed: the categoricals, then the <c>_na</c> flags.</summary>
    public IReadOnlyList<string> CategoricalColumns => [.. CategorizedColumns.Select(c => c.Name)];

    /// <summary>The normalized continuous output columns.</summary>
    public IReadOnlyList<string> ContinuousColumns => [.. NormalizedColumns.Select(c => c.Name)];

    // The same values as the chain (tested bit for bit), in one cursor layer instead of one per column: a pass over
    // Kaggle's Rossmann table (1,017,209 rows × 26 columns) takes 441 ms instead of the chain's 1,070 ms.
    private protected override IDataView Apply(IDataView input, IDataView builtIn) => new PreprocessedDataView(input, builtIn, _columns);

    /// <inheritdoc />
    protected override void ValidateInput(DataViewSchema schema)
    {
        var indicators = IndicatorColumns.ToHashSet(StringComparer.Ordinal);
        foreach (var column in CategorizedColumns.Where(c => !indicators.Contains(c.Name)))
            ColumnRequirement.Check(TabularPreprocessEstimator.Name, schema, [column.Name], [column.Type]);
        foreach (var column in FilledColumns)
            ColumnRequirement.Check(TabularPreprocessEstimator.Name, schema, [column.Name], [column.Type]);
    }
}
