using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Statistics;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.FillMissing;

/// <summary>
/// fastai's <c>FillMissing</c>: learns a fill value per continuous column from the training data, replaces missing
/// values (NaN) with it, and adds a Boolean <c>{column}_na</c> for columns that had missing values in training.
/// A column without missing values in training is still filled later (with the training value) but gets no indicator.
/// </summary>
public sealed class FillMissingEstimator : IEstimator<FillMissingTransformer>
{
    internal const string Name = "FillMissing";
    private readonly MLContext _context;
    private readonly FillMissingOptions _options;

    internal FillMissingEstimator(MLContext context, FillMissingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ColumnRequirement.CheckNamesGiven(Name, [.. options.Columns]);
        CheckFillValue(options.Strategy, options.FillValue);
        _context = context;
        _options = options;
    }

    /// <summary>Learns the fill values in one pass over <paramref name="input"/>.</summary>
    public FillMissingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirement.Check(Name, input.Schema, _options.Columns, ColumnKinds.Continuous);
        var values = _options.Columns.Select(c => ContinuousValues.For(Name, input.Schema[c])).ToArray();
        DataScan.Run(Name, input, values);
        return Build(_context, input, Learn(_options, input.Schema, values));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.Check(Name, inputSchema, _options.Columns, ColumnKinds.Continuous);
        return Placeholder(_context, inputSchema, _options.Columns, _options.AddIndicators).GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// The output shape before Fit: filled columns keep theirs, and every Single/Double column may gain its Boolean
    /// <c>_na</c> (Fit adds it only where training had a missing value), so later steps can name the indicators.
    /// </summary>
    internal static IEstimator<ITransformer> Placeholder(MLContext context, SchemaShape inputSchema,
        IEnumerable<string> columns, bool addIndicators)
    {
        var chain = new EstimatorChain<ITransformer>();
        if (!addIndicators) return chain;
        foreach (var name in columns)
        {
            ColumnRequirement.TryFind(inputSchema, name, out var column);
            if (ColumnKinds.IsFloating(column.ItemType))
                chain = chain.Append<ITransformer>(context.Transforms.Expression(name + "_na", "x => isna(x)", name));
        }
        return chain;
    }

    internal static void CheckFillValue(FillMissingStrategy strategy, double fillValue)
    {
        if (strategy == FillMissingStrategy.Constant && !double.IsFinite(fillValue))
            throw new ArgumentOutOfRangeException(nameof(fillValue), $"{Name}: FillValue must be finite, not {fillValue}.");
    }

    internal static IReadOnlyList<FilledColumn> Learn(FillMissingOptions options, DataViewSchema schema,
        IReadOnlyList<ContinuousValues> values)
    {
        var learned = new List<FilledColumn>();
        foreach (var column in values)
        {
            var type = schema[column.ColumnName].Type;
            if (!ColumnKinds.IsFloating(type))
            {
                learned.Add(new FilledColumn(column.ColumnName, type, double.NaN, null));
                continue;
            }
            var fill = options.Strategy switch
            {
                FillMissingStrategy.Median => Moments.Median(column.Values),
                FillMissingStrategy.Mode => Moments.Mode(column.Values),
                _ => options.FillValue,
            };
            if (double.IsNaN(fill))
                throw new InvalidOperationException(
                    $"{Name}: column '{column.ColumnName}' has no non-missing value in the training data, so its {options.Strategy.ToString().ToLowerInvariant()} is undefined; use FillMissingStrategy.Constant or drop the column.");
            string? indicator = null;
            if (options.AddIndicators && column.MissingCount > 0)
            {
                indicator = column.ColumnName + "_na";
                if (schema.GetColumnOrNull(indicator) is not null)
                    throw new InvalidOperationException(
                        $"{Name}: the indicator column '{indicator}' for '{column.ColumnName}' already exists in the input; rename or drop it first so no data is overwritten.");
            }
            learned.Add(new FilledColumn(column.ColumnName, type, fill, indicator));
        }
        return learned;
    }

    internal static FillMissingTransformer Build(MLContext context, IDataView input, IReadOnlyList<FilledColumn> columns)
    {
        var chain = Indicators(context, columns);
        foreach (var column in columns.Where(c => !double.IsNaN(c.FillValue)))
        {
            var fill = ExpressionLiteral.For(column.FillValue, column.Type);
            chain = chain.Append<ITransformer>(context.Transforms.Expression(column.Name, $"x => isna(x) ? {fill} : x", column.Name));
        }
        return new FillMissingTransformer(chain.Fit(input), columns);
    }

    /// <summary>The Boolean <c>_na</c> columns, computed from the unfilled values.</summary>
    internal static EstimatorChain<ITransformer> Indicators(MLContext context, IEnumerable<FilledColumn> columns)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var column in columns.Where(c => c.IndicatorName is not null))
            chain = chain.Append<ITransformer>(context.Transforms.Expression(column.IndicatorName!, "x => isna(x)", column.Name));
        return chain;
    }
}
