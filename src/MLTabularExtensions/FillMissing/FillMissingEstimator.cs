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
    private readonly IReadOnlyList<InputOutputColumnPair> _columns;

    internal FillMissingEstimator(MLContext context, FillMissingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _columns = ColumnPairs.Resolve(Name, options.Columns, options.ColumnPairs);
        CheckFillValue(options.Strategy, options.FillValue);
        _context = context;
        _options = new FillMissingOptions
        {
            Strategy = options.Strategy,
            FillValue = options.FillValue,
            AddIndicators = options.AddIndicators,
        };
    }

    /// <summary>Learns the fill values in one pass over <paramref name="input"/>.</summary>
    public FillMissingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirement.Check(Name, input.Schema, _columns.Select(c => c.InputColumnName), ColumnKinds.Continuous);
        var values = _columns.Select(c => ContinuousValues.For(Name, input.Schema[c.InputColumnName])).ToArray();
        DataScan.Run(Name, input, values);
        return Build(_context, input, Learn(_options, input.Schema, _columns, values));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.Check(Name, inputSchema, _columns.Select(c => c.InputColumnName), ColumnKinds.Continuous);
        return Placeholder(_context, inputSchema, _columns, _options.AddIndicators).GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// The output shape before Fit: outputs have their input's type, and every Single/Double column may gain its
    /// Boolean <c>{output}_na</c> (Fit adds it only where training had a missing value), so later steps can name it.
    /// </summary>
    internal static IEstimator<ITransformer> Placeholder(MLContext context, SchemaShape inputSchema,
        IEnumerable<InputOutputColumnPair> columns, bool addIndicators)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var pair in columns)
        {
            ColumnRequirement.TryFind(inputSchema, pair.InputColumnName, out var column);
            if (addIndicators && ColumnKinds.IsFloating(column.ItemType))
                chain = chain.Append<ITransformer>(context.Transforms.Expression(pair.OutputColumnName + "_na", "x => isna(x)", pair.InputColumnName));
            if (pair.OutputColumnName != pair.InputColumnName)
                chain = chain.Append<ITransformer>(context.Transforms.CopyColumns(pair.OutputColumnName, pair.InputColumnName));
        }
        return chain;
    }

    internal static void CheckFillValue(FillMissingStrategy strategy, double fillValue)
    {
        if (strategy == FillMissingStrategy.Constant && !double.IsFinite(fillValue))
            throw new ArgumentOutOfRangeException(nameof(fillValue), $"{Name}: FillValue must be finite, not {fillValue}.");
    }

    /// <summary>The fill value and indicator of each pair, from <paramref name="values"/> read in the same order.</summary>
    internal static IReadOnlyList<FilledColumn> Learn(FillMissingOptions options, DataViewSchema schema,
        IReadOnlyList<InputOutputColumnPair> pairs, IReadOnlyList<ContinuousValues> values)
    {
        // Each column's median is a selection over a copy of its values; the columns are independent, so in parallel.
        // Integer columns are never missing, so they are passed through unfilled.
        var types = values.Select(v => schema[v.ColumnName].Type).ToArray();
        var fills = new double[values.Count];
        Parallel.For(0, values.Count, i => fills[i] = ColumnKinds.IsFloating(types[i]) ? FillValue(options, values[i]) : double.NaN);
        var learned = new List<FilledColumn>();
        foreach (var (pair, column, (type, fill)) in pairs.Zip(values, types.Zip(fills)))
        {
            if (!ColumnKinds.IsFloating(type))
            {
                learned.Add(new FilledColumn(pair.OutputColumnName, type, double.NaN, null) { InputColumnName = column.ColumnName });
                continue;
            }
            if (double.IsNaN(fill))
                throw new InvalidOperationException(
                    $"{Name}: column '{column.ColumnName}' has no non-missing value in the training data, so its {options.Strategy.ToString().ToLowerInvariant()} is undefined; use FillMissingStrategy.Constant or drop the column.");
            string? indicator = null;
            if (options.AddIndicators && column.MissingCount > 0)
            {
                indicator = pair.OutputColumnName + "_na";
                if (schema.GetColumnOrNull(indicator) is not null)
                    throw new InvalidOperationException(
                        $"{Name}: the indicator column '{indicator}' for '{column.ColumnName}' already exists in the input; rename or drop it first so no data is overwritten.");
            }
            learned.Add(new FilledColumn(pair.OutputColumnName, type, fill, indicator) { InputColumnName = column.ColumnName });
        }
        return learned;
    }

    // NaN when the column has nothing to take the statistic of.
    private static double FillValue(FillMissingOptions options, ContinuousValues column) => options.Strategy switch
    {
        FillMissingStrategy.Median => Moments.Median(column.Values),
        FillMissingStrategy.Mode => Moments.Mode(column.Values),
        _ => options.FillValue,
    };

    internal static FillMissingTransformer Build(MLContext context, IDataView input, IReadOnlyList<FilledColumn> columns)
    {
        var chain = Indicators(context, columns);
        foreach (var column in ColumnPairs.BuildOrder(columns))
        {
            if (!double.IsNaN(column.FillValue))
            {
                var fill = ExpressionLiteral.For(column.FillValue, column.Type);
                chain = chain.Append<ITransformer>(context.Transforms.Expression(column.Name, $"x => isna(x) ? {fill} : x", column.InputColumnName));
            }
            else if (column.Name != column.InputColumnName)
            {
                // An integer column has nothing to fill, but its output column must still exist.
                chain = chain.Append<ITransformer>(context.Transforms.CopyColumns(column.Name, column.InputColumnName));
            }
        }
        return new FillMissingTransformer(chain.Fit(input), columns);
    }

    /// <summary>The Boolean <c>_na</c> columns, computed from the unfilled values.</summary>
    internal static EstimatorChain<ITransformer> Indicators(MLContext context, IEnumerable<FilledColumn> columns)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var column in columns.Where(c => c.IndicatorName is not null))
            chain = chain.Append<ITransformer>(context.Transforms.Expression(column.IndicatorName!, "x => isna(x)", column.InputColumnName));
        return chain;
    }
}
