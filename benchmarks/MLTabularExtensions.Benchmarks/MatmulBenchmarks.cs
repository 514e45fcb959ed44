using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using static TorchSharp.torch;

namespace MLTabularExtensions.Benchmarks;

/// <summary>libtorch float32 matrix multiply (n × n by n × n) on 2 threads: the machine's peak for the loop's Linear layers. GFLOP/s = 2n³ / mean.</summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MatmulBenchmarks
{
    private Tensor _a = null!;
    private Tensor _b = null!;

    [Params(512, 2048)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        manual_seed(1);
        _a = randn(N, N);
        _b = randn(N, N);
    }

    [Benchmark(Description = "torch.mm float32")]
    public void Multiply()
    {
        using var product = mm(_a, _b);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
