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
    private readonly CategorifyOptions _options;
    private readonly CategoryLimits _limits;

    internal CategorifyEstimator(MLContext context, CategorifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ColumnRequirement.CheckNamesGiven(Name, [.. options.Columns]);
        _limits = CheckLimits(options.MaxCategories, options.MinFrequency);
        _context = context;
        _options = options;
    }

    /// <summary>Learns the vocabularies in one pass over <paramref name="input"/>.</summary>
    public CategorifyTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirement.Check(Name, input.Schema, _options.Columns, ColumnKinds.Categorical);
        var counts = _options.Columns.Select(c => CategoryCounts.For(Name, input.Schema[c])).ToArray();
        DataScan.Run(Name, input, counts);
        return Build(_context, input, Learn(_limits, input.Schema, counts));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.Check(Name, inputSchema, _options.Columns, ColumnKinds.Categorical);
        return Placeholder(_context, _options.Columns).GetOutputSchema(inputSchema);
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
    internal static IEstimator<ITransformer> Placeholder(MLContext context, IEnumerable<string> columns) =>
        context.Transforms.Conversion.MapValueToKey([.. columns.Select(c => new InputOutputColumnPair(c))]);

    internal static IReadOnlyList<CategorizedColumn> Learn(CategoryLimits limits, DataViewSchema schema,
        IEnumerable<CategoryCounts> counts) =>
        [.. counts.Select(c =>
        {
            var vocabulary = c.Vocabulary(limits);
            if (vocabulary.Length == 0)
                throw new InvalidOperationException(
                    $"{Name}: column '{c.ColumnName}' has no category in the training data (all values missing, or none reaches MinFrequency = {limits.MinFrequency}); a key column needs at least one.");
            return new CategorizedColumn(c.ColumnName, schema[c.ColumnName].Type, vocabulary);
        })];

    internal static CategorifyTransformer Build(MLContext context, IDataView input, IReadOnlyList<CategorizedColumn> columns)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var column in columns)
        {
            chain = chain.Append<ITransformer>(context.Transforms.Conversion.MapValueToKey(column.Name, column.Name,
                keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
                keyData: VocabularyData.Load(context, column.Vocabulary)));
        }
        return new CategorifyTransformer(chain.Fit(input), columns);
    }
}
