using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Categorify;
using MLTabularExtensions.FillMissing;
using MLTabularExtensions.Normalize;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.TabularPreprocess;

/// <summary>
/// fastai's <c>TabularPandas(procs=[FillMissing, Categorify, Normalize])</c> as one estimator. It learns everything
/// in a single pass over the training data and gives the same outputs as the three estimators applied in turn.
/// </summary>
public sealed class TabularPreprocessEstimator : IEstimator<TabularPreprocessTransformer>
{
    internal const string Name = "TabularPreprocess";
    private readonly MLContext _context;
    private readonly TabularPreprocessOptions _options;
    private readonly CategoryLimits _limits;

    internal TabularPreprocessEstimator(MLContext context, TabularPreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ColumnRequirement.CheckListsGiven(Name, (nameof(options.CategoricalColumns), options.CategoricalColumns),
            (nameof(options.ContinuousColumns), options.ContinuousColumns));
        CheckDisjoint(options);
        ColumnRequirement.CheckNamesGiven(Name, [.. options.CategoricalColumns, .. options.ContinuousColumns]);
        FillMissingEstimator.CheckFillValue(options.FillStrategy, options.FillValue);
        _limits = CategorifyEstimator.CheckLimits(options.MaxCategories, options.MinFrequency);
        NormalizeEstimator.CheckEpsilon(options.Epsilon);
        _context = context;
        _options = options;
    }

    /// <summary>Learns fill values, vocabularies and moments in one pass over <paramref name="input"/>.</summary>
    public TabularPreprocessTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        var continuous = _options.ContinuousColumns.Select(c => ContinuousValues.For(Name, input.Schema[c])).ToArray();
        var categorical = _options.CategoricalColumns.Select(c => CategoryCounts.For(Name, input.Schema[c])).ToArray();
        var rows = DataScan.Run(Name, input, [.. continuous, .. categorical]);

        var filled = FillMissingEstimator.Learn(FillOptions(), input.Schema, InPlace(_options.ContinuousColumns), continuous);
        var indicatorStep = FillMissingEstimator.Indicators(_context, filled).Fit(input);
        var afterFill = indicatorStep.Transform(input);

        var indicators = continuous.Zip(filled)
            .Where(pair => pair.Second.IndicatorName is not null)
            .Select(pair =>
            {
                var flags = new ValueCategoryCounts<bool>(pair.Second.IndicatorName!);
                flags.Add(false, rows - pair.First.MissingCount);
                flags.Add(true, pair.First.MissingCount);
                return (CategoryCounts)flags;
            });
        CategoryCounts[] counts = [.. categorical, .. indicators];
        var categories = CategorifyEstimator.Learn(_limits, afterFill.Schema, InPlace(counts.Select(c => c.ColumnName)), counts);
        var categorify = CategorifyEstimator.Build(_context, afterFill, categories);

        var moments = continuous.Zip(filled).Select(pair => NormalizeEstimator.Learn(pair.First.ColumnName,
            pair.Second.Type, pair.First.Values, pair.Second.StoredFillValue, _options.Epsilon)).ToArray();
        var fillAndNormalize = FusedFillNormalize.Chain(_context, filled, moments).Fit(categorify.Transform(afterFill));
        var inner = new TransformerChain<ITransformer>(indicatorStep, categorify.Inner, fillAndNormalize);
        return new TabularPreprocessTransformer(inner, filled, categories, moments);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.Check(Name, inputSchema, _options.CategoricalColumns, ColumnKinds.Categorical);
        ColumnRequirement.Check(Name, inputSchema, _options.ContinuousColumns, ColumnKinds.Continuous);
        // Every Single/Double continuous column may gain an _na key; Fit adds those that training needs.
        var shape = FillMissingEstimator.Placeholder(_context, inputSchema, InPlace(_options.ContinuousColumns), _options.AddIndicators)
            .GetOutputSchema(inputSchema);
        var indicators = _options.AddIndicators
            ? _options.ContinuousColumns.Where(c => shape.Any(s => s.Name == c + "_na")).Select(c => c + "_na")
            : [];
        string[] keys = [.. _options.CategoricalColumns, .. indicators];
        if (keys.Length > 0)
            shape = CategorifyEstimator.Placeholder(_context, InPlace(keys)).GetOutputSchema(shape);
        return _options.ContinuousColumns.Count > 0
            ? new NormalizeEstimator(_context, new NormalizeOptions { Columns = _options.ContinuousColumns, Epsilon = _options.Epsilon })
                .GetOutputSchema(shape)
            : shape;
    }

    private void CheckInput(DataViewSchema schema)
    {
        ColumnRequirement.Check(Name, schema, _options.CategoricalColumns, ColumnKinds.Categorical);
        ColumnRequirement.Check(Name, schema, _options.ContinuousColumns, ColumnKinds.Continuous);
    }

    private static void CheckDisjoint(TabularPreprocessOptions options)
    {
        var both = options.CategoricalColumns.Intersect(options.ContinuousColumns, StringComparer.Ordinal).FirstOrDefault();
        if (both is not null)
            throw new ArgumentException($"{Name}: column '{both}' is listed as both categorical and continuous.", "options");
    }

    // fastai's TabularPandas replaces its columns in place.
    private static IReadOnlyList<InputOutputColumnPair> InPlace(IEnumerable<string> columns) =>
        [.. columns.Select(c => new InputOutputColumnPair(c))];

    private FillMissingOptions FillOptions() => new()
    {
        Strategy = _options.FillStrategy,
        FillValue = _options.FillValue,
        AddIndicators = _options.AddIndicators,
    };
}
