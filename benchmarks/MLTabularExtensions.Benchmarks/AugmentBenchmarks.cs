using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.Data;
using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.Augmentation;

namespace MLTabularExtensions.Benchmarks;

/// <summary>
/// fastai's full default <c>get_transforms</c> on 64 images of 224 × 224, one thread: as <c>AugmentImages</c> does it
/// (MLImage in and out) and as ImageCnn does it (pixel planes in place). Images/s = 64 / the mean time.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class AugmentBenchmarks
{
    private const int Images = 64;
    private const int Side = 224;
    private readonly ImageAugmentOptions _options = new();
    private MLImage[] _images = null!;
    private float[][] _planes = null!;
    private long _pass;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _images = [.. Enumerable.Range(0, Images).Select(_ =>
        {
            var bytes = new byte[Side * Side * 4];
            random.NextBytes(bytes);
            return MLImage.CreateFromPixels(Side, Side, MLPixelFormat.Bgra32, bytes);
        })];
        _planes = [.. Enumerable.Range(0, Images).Select(_ => Enumerable.Range(0, 3 * Side * Side).Select(_ => (float)random.Next(256)).ToArray())];
    }

    [Benchmark(OperationsPerInvoke = Images)]
    public void MLImages()
    {
        var pass = _pass++;
        for (var i = 0; i < Images; i++)
        {
            using var augmented = ImageAugmentation.Augment(_images[i], _options, pass, i);
        }
    }

    [Benchmark(OperationsPerInvoke = Images)]
    public void PixelPlanes()
    {
        var pass = _pass++;
        for (var i = 0; i < Images; i++)
            ImageAugmentation.AugmentPixels(_planes[i], 3, Side, Side, AugmentSampler.Draw(_options, pass, i), 255);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var image in _images) image.Dispose();
    }
}
