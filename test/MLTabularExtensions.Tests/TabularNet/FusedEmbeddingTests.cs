using MLTabularExtensions.TorchSharp.Model;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

public class FusedEmbeddingTests
{
    [Test]
    public void OneGather_EqualsALookupPerTable_ForwardAndGradient()
    {
        (long, int)[] tables = [(5, 3), (7, 2), (1, 4), (300, 9)];
        using var random = new Generator(1);
        using var embedding = new FusedEmbedding(tables, random);
        using var generator = new Generator(7, CPU);
        var keys = stack(tables.Select(t => randint(0, t.Item1, [64], dtype: int32, generator: generator)).ToArray(), 1);
        var outputWeights = randn([64, tables.Sum(t => t.Item2)], generator: generator);

        var fused = embedding.forward(keys);
        fused.mul(outputWeights).sum().backward();
        var fusedGradient = embedding.Weight.grad!.clone();
        embedding.Weight.grad!.zero_();
        var perTable = cat(tables.Select((_, i) => embedding.Table(i).index_select(0, keys.select(1, i))).ToArray(), 1);
        perTable.mul(outputWeights).sum().backward();

        Assert.That(fused.shape, Is.EqualTo(new long[] { 64, 18 }));
        Assert.That(fused.data<float>().ToArray(), Is.EqualTo(perTable.data<float>().ToArray()), "the same rows, bit for bit");
        Assert.That(fusedGradient.data<float>().ToArray(), Is.EqualTo(embedding.Weight.grad!.data<float>().ToArray()).Within(1e-5));
        Assert.That(fusedGradient.count_nonzero().item<long>(), Is.GreaterThan(0));
        Assert.That(embedding.Weight.numel(), Is.EqualTo(tables.Sum(t => t.Item1 * t.Item2)));
    }

    [Test]
    public void Initialisation_IsFastaisFoldedNormal_TimesAHundredth()
    {
        using var random = new Generator(3);
        using var embedding = new FusedEmbedding([(1116, 81), (8, 5)], random);
        var values = embedding.Weight.detach().data<float>().ToArray();
        var mean = values.Average();
        var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        TestContext.Out.WriteLine($"mean {mean:E2}, std {std:E3}, distinct {values.Distinct().Count()}");
        Assert.That(values.All(v => Math.Abs(v) < 2 * FusedEmbedding.InitialScale), Is.True, "folded into (-0.02, 0.02)");
        // A standard normal folded into (-2, 2) has standard deviation 0.87.
        Assert.That(std, Is.EqualTo(0.87 * FusedEmbedding.InitialScale).Within(0.02 * FusedEmbedding.InitialScale));
        Assert.That(Math.Abs(mean), Is.LessThan(0.01 * FusedEmbedding.InitialScale));
        Assert.That(values.Distinct().Count(), Is.GreaterThan(values.Length / 2), "random, not a constant");
    }
}
