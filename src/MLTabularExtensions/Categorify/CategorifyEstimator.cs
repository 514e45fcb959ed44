using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.Categorify;

/// <summary>
/// fastai's <c>Categorify</c>: learns the sorted distinct non-missing training values of each column (numeric order
/// for numbers, false before true, code-point order for text) and replaces the column by a key: the i-th value gets
/// key i + 1, and missing or unseen values get key 0. The key count is the vocabulary size.
/// </summary>
public sealed class CategorifyEstimator : IEstimator<CategorifyTransformer>
{
    internal const string Name = "Categorify";
    private readonly MLContext _context;
    private readonly IReadOnlyList<InputOutputColumnPair> _columns;
    private readonly CategoryLimits _limits;

    internal CategorifyEstimator(MLContext context, CategorifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _columns = ColumnPairs.Resolve(Name, options.Columns, options.ColumnPairs);
        _limits = CheckLimits(options.MaxCategories, options.MinFrequency);
        _context = context;
    }

    /// <summary>Learns the vocabularies in one pass over <paramref name="input"/>.</summary>
    public CategorifyTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirement.Check(Name, input.Schema, _columns.Select(c => c.InputColumnName), ColumnKinds.Categorical);
        var counts = _columns.Select(c => CategoryCounts.For(Name, input.Schema[c.InputColumnName])).ToArray();
        DataScan.Run(Name, input, counts);
        return Build(_context, input, Learn(_limits, input.Schema, _columns, counts));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.Check(Name, inputSchema, _columns.Select(c => c.InputColumnName), ColumnKinds.Categorical);
        return Placeholder(_context, _columns).GetOutputSchema(inputSchema);
    }

    internal static CategoryLimits CheckLimits(int? maxCategories, long minFrequency)
    {
        if (maxCategories is <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxCategories), $"{Name}: MaxCategories must be positive, not {maxCategories}.");
        if (minFrequency < 1)
            throw new ArgumentOutOfRangeException(nameof(minFrequency), $"{Name}: MinFrequency must be at least 1, not {minFrequency}.");
        return new CategoryLimits(maxCategories, minFrequency);
    }

    /// <summary>The same output shape as the fitted transform: key columns of (as yet unknown) cardinality.</summary>
    internal static IEstimator<ITransformer> Placeholder(MLContext context, IEnumerable<InputOutputColumnPair> columns) =>
        context.Transforms.Conversion.MapValueToKey([.. columns]);

    /// <summary>The vocabulary of each pair, from <paramref name="counts"/> taken in the same order.</summary>
    internal static IReadOnlyList<CategorizedColumn> Learn(CategoryLimits limits, DataViewSchema schema,
        IEnumerable<InputOutputColumnPair> pairs, IEnumerable<CategoryCounts> counts) =>
        [.. pairs.Zip(counts, (pair, c) =>
        {
            var vocabulary = c.Vocabulary(limits);
            if (vocabulary.Length == 0)
                throw new InvalidOperationException(
                    $"{Name}: column '{c.ColumnName}' has no category in the training data (all values missing, or none reaches MinFrequency = {limits.MinFrequency}); a key column needs at least one.");
            return new CategorizedColumn(pair.OutputColumnName, schema[c.ColumnName].Type, vocabulary) { InputColumnName = c.ColumnName };
        })];

    internal static CategorifyTransformer Build(MLContext context, IDataView input, IReadOnlyList<CategorizedColumn> columns)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var column in ColumnPairs.BuildOrder(columns))
        {
            chain = chain.Append<ITransformer>(context.Transforms.Conversion.MapValueToKey(column.Name, column.InputColumnName,
                keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
                keyData: VocabularyData.Load(column.Vocabulary)));
        }
        return new CategorifyTransformer(chain.Fit(input), columns);
    }
}
