using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;

namespace MLTabularExtensions.Benchmarks;

/// <summary>
/// A categorical with 1,000,000 distinct strings (one per row, "customer-0000001" …): Categorify's fit and the save of
/// its fitted vocabulary, against ML.NET's own MapValueToKey fitting and saving the same vocabulary.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ManyLevelsBenchmarks
{
    private const int Levels = 1_000_000;
    private MLContext _context = null!;
    private IDataView _data = null!;
    private ITransformer _categorify = null!;
    private ITransformer _mapValueToKey = null!;

    private sealed class Row
    {
        public string Customer { get; set; } = "";
    }

    [GlobalSetup]
    public void Setup()
    {
        _context = new MLContext(seed: 1);
        // Shuffled, so neither side gets its input already sorted.
        var random = new Random(1);
        var names = Enumerable.Range(0, Levels).Select(i => $"customer-{i:D7}").OrderBy(_ => random.Next()).ToArray();
        _data = _context.Data.Cache(_context.Data.LoadFromEnumerable(names.Select(n => new Row { Customer = n })));
        DataDrain.Run(_data);
        _categorify = _context.Transforms.Categorify("Customer").Fit(_data);
        _mapValueToKey = _context.Transforms.Conversion.MapValueToKey("Customer").Fit(_data);
    }

    [Benchmark(Description = "Categorify fit")]
    public object CategorifyFit() => _context.Transforms.Categorify("Customer").Fit(_data);

    [Benchmark(Description = "MapValueToKey fit")]
    public object MapValueToKeyFit() => _context.Transforms.Conversion.MapValueToKey("Customer").Fit(_data);

    [Benchmark(Description = "Categorify save")]
    public long CategorifySave() => Save(_categorify);

    [Benchmark(Description = "MapValueToKey save")]
    public long MapValueToKeySave() => Save(_mapValueToKey);

    private long Save(ITransformer model)
    {
        using var stream = new MemoryStream();
        _context.Model.Save(model, _data.Schema, stream);
        return stream.Length;
    }
}
