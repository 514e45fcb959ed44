using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Categorify;
using MLTabularExtensions.FillMissing;
using MLTabularExtensions.Normalize;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.TabularPreprocess;

/// <summary>
/// Fitted <see cref="TabularPreprocessEstimator"/>: FillMissing, then Categorify (including the <c>_na</c> flags),
/// then Normalize, each with the values learned from the training data. Saved as the built-in chains of the three.
/// </summary>
public sealed class TabularPreprocessTransformer : BuiltInChainTransformer
{
    internal TabularPreprocessTransformer(FillMissingTransformer fill, CategorifyTransformer categorify,
        NormalizeTransformer normalize)
        : base(new TransformerChain<ITransformer>(fill.Inner, categorify.Inner, normalize.Inner))
    {
        FillMissing = fill;
        Categorify = categorify;
        Normalize = normalize;
    }

    /// <summary>The fitted FillMissing step.</summary>
    public FillMissingTransformer FillMissing { get; }

    /// <summary>The fitted Categorify step (user categoricals, then the <c>_na</c> flags).</summary>
    public CategorifyTransformer Categorify { get; }

    /// <summary>The fitted Normalize step.</summary>
    public NormalizeTransformer Normalize { get; }

    /// <summary>The key-typed output columns a model should embed: the categoricals, then the <c>_na</c> flags.</summary>
    public IReadOnlyList<string> CategoricalColumns => [.. Categorify.Columns.Select(c => c.Name)];

    /// <summary>The normalized continuous output columns.</summary>
    public IReadOnlyList<string> ContinuousColumns => [.. Normalize.Columns.Select(c => c.Name)];

    private protected override void ValidateInput(DataViewSchema schema)
    {
        var indicators = FillMissing.IndicatorColumns.ToHashSet(StringComparer.Ordinal);
        foreach (var column in Categorify.Columns.Where(c => !indicators.Contains(c.Name)))
            ColumnRequirement.Check(TabularPreprocessEstimator.Name, schema, [column.Name], [column.Type]);
        foreach (var column in FillMissing.Columns)
            ColumnRequirement.Check(TabularPreprocessEstimator.Name, schema, [column.Name], [column.Type]);
    }
}
