using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;

namespace MLTabularExtensions.Benchmarks;

/// <summary>CSV loading, timed apart from the transforms: gunzip + parse train.csv, parse store.csv, join.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class LoadBenchmarks
{
    [Benchmark(Description = "Load train.csv.gz ⋈ store.csv (1,017,209 rows)")]
    public int LoadRossmann() => RossmannInput.LoadRows(new MLContext(seed: 1)).Count;
}
