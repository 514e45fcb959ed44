using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Benchmarks;

/// <summary>
/// Fit + one full pass over the real Rossmann train ⋈ store table (1,017,209 rows) for TabularPreprocess and for each
/// transform alone. The input is cached in memory first, so CSV loading is not part of these figures.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class TransformBenchmarks
{
    private MLContext _context = null!;
    private List<RossmannRow> _rows = null!;
    private IDataView _raw = null!;
    private IDataView _withDates = null!;
    private ITransformer _fitted = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new MLContext(seed: 1);
        _rows = RossmannInput.LoadRows(_context);
        _raw = _context.Data.Cache(_context.Data.LoadFromEnumerable(_rows));
        DataDrain.Run(_raw);
        _withDates = RossmannInput.WithDateParts(_context, _rows);
        _fitted = Preprocess().Fit(_withDates);
    }

    [Benchmark(Description = "TabularPreprocess fit + pass (20 cat, 6 cont)")]
    public long TabularPreprocess() => FitAndDrain(Preprocess());

    [Benchmark(Description = "TabularPreprocess fit only")]
    public object TabularPreprocessFit() => Preprocess().Fit(_withDates);

    [Benchmark(Description = "TabularPreprocess pass only (fitted)")]
    public long TabularPreprocessPass() => DataDrain.Run(_fitted.Transform(_withDates));

    [Benchmark(Description = "AddDateParts pass (1 date → 13 parts)")]
    public long AddDateParts() =>
        DataDrain.Run(_context.Transforms.AddDateParts(nameof(RossmannRow.Date)).Fit(_raw).Transform(_raw));

    [Benchmark(Description = "FillMissing fit + pass (6 cont)")]
    public long FillMissing() => FitAndDrain(_context.Transforms.FillMissing([.. RossmannRow.ContinuousColumns]));

    [Benchmark(Description = "Categorify fit + pass (20 cat)")]
    public long Categorify() => FitAndDrain(_context.Transforms.Categorify([.. RossmannRow.CategoricalColumns]));

    [Benchmark(Description = "Normalize fit + pass (6 cont)")]
    public long Normalize() =>
        FitAndDrain(_context.Transforms.FillMissing([.. RossmannRow.ContinuousColumns])
            .Append(_context.Transforms.Normalize([.. RossmannRow.ContinuousColumns])));

    [Benchmark(Description = "Baseline: pass over the cached input")]
    public long Baseline() => DataDrain.Run(_withDates);

    private TabularPreprocessEstimator Preprocess() => _context.Transforms.TabularPreprocess(new TabularPreprocessOptions
    {
        CategoricalColumns = RossmannRow.CategoricalColumns,
        ContinuousColumns = RossmannRow.ContinuousColumns,
    });

    private long FitAndDrain<T>(IEstimator<T> estimator) where T : class, ITransformer =>
        DataDrain.Run(estimator.Fit(_withDates).Transform(_withDates));
}
