using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Statistics;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Normalize;

/// <summary>
/// fastai v1's <c>Normalize</c>: <c>(x − mean) / (std + 1e-7)</c> with the training mean and sample standard
/// deviation. Unlike ML.NET's <c>NormalizeMeanVariance</c> (whose default <c>fixZero</c> only scales) it centres.
/// </summary>
public sealed class NormalizeEstimator : IEstimator<NormalizeTransformer>
{
    internal const string Name = "Normalize";
    private readonly MLContext _context;
    private readonly IReadOnlyList<InputOutputColumnPair> _columns;
    private readonly double _epsilon;

    internal NormalizeEstimator(MLContext context, NormalizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _columns = ColumnPairs.Resolve(Name, options.Columns, options.ColumnPairs);
        CheckEpsilon(options.Epsilon);
        _context = context;
        _epsilon = options.Epsilon;
    }

    /// <summary>Learns the means and standard deviations in one pass over <paramref name="input"/>.</summary>
    public NormalizeTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirement.Check(Name, input.Schema, _columns.Select(c => c.InputColumnName), ColumnKinds.Continuous);
        var values = _columns.Select(c => ContinuousValues.For(Name, input.Schema[c.InputColumnName])).ToArray();
        DataScan.Run(Name, input, values);
        var learned = _columns.Zip(values, (pair, v) =>
        {
            var moments = Learn(v.ColumnName, input.Schema[v.ColumnName].Type, v.Values, double.NaN, _epsilon);
            return moments with { Name = pair.OutputColumnName };
        });
        return Build(_context, input, [.. learned]);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.Check(Name, inputSchema, _columns.Select(c => c.InputColumnName), ColumnKinds.Continuous);
        var placeholder = new EstimatorChain<ITransformer>();
        foreach (var pair in _columns)
        {
            ColumnRequirement.TryFind(inputSchema, pair.InputColumnName, out var shape);
            placeholder = placeholder.Append<ITransformer>(_context.Transforms.Expression(pair.OutputColumnName, Formula(shape.ItemType, 0, 1), pair.InputColumnName));
        }
        return placeholder.GetOutputSchema(inputSchema);
    }

    internal static void CheckEpsilon(double epsilon)
    {
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"{Name}: Epsilon must be finite and non-negative, not {epsilon}.");
    }

    /// <summary>Moments of <paramref name="values"/> with missing ones read as <paramref name="fill"/> (NaN: skipped).</summary>
    internal static NormalizedColumn Learn(string name, DataViewType type, ReadOnlySpan<double> values, double fill, double epsilon)
    {
        var (mean, std) = Moments.MeanAndSampleStd(values, fill);
        if (double.IsNaN(mean))
            throw new InvalidOperationException($"{Name}: column '{name}' has no non-missing value in the training data, so its mean is undefined.");
        return new NormalizedColumn(name, type, mean, std, epsilon);
    }

    internal static NormalizeTransformer Build(MLContext context, IDataView input, IReadOnlyList<NormalizedColumn> columns)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var c in ColumnPairs.BuildOrder(columns))
            chain = chain.Append<ITransformer>(context.Transforms.Expression(c.Name, Formula(c.Type, c.Mean, c.Std + c.Epsilon), c.InputColumnName));
        return new NormalizeTransformer(chain.Fit(input), columns);
    }

    /// <summary>The expression for one column; <see cref="Body"/> without the parameter list.</summary>
    internal static string Formula(DataViewType type, double mean, double divisor) => "x => " + Body(type, mean, divisor);

    internal static string Body(DataViewType type, double mean, double divisor)
    {
        var result = ExpressionLiteral.ResultType(type);
        return $"({ExpressionLiteral.Widened(type)} - {ExpressionLiteral.For(mean, result)}) / {ExpressionLiteral.For(divisor, result)}";
    }
}
