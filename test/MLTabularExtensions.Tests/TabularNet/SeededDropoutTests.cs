using MLTabularExtensions.TorchSharp.Model;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class SeededDropoutTests
{
    [TestCase(0.001)]
    [TestCase(0.01)]
    [TestCase(0.04)]
    [TestCase(0.1)]
    [TestCase(0.5)]
    public void DropsTheExpectedShare_AndScalesTheRest(double p)
    {
        using var random = new Generator(1);
        using var dropout = new SeededDropout(p, random);
        dropout.train();
        using var input = ones(2000, 1000);

        using var output = dropout.forward(input);
        var values = output.data<float>().ToArray();

        var dropped = values.Count(v => v == 0);
        var expected = values.Length * p;
        // Binomial standard deviation; 5σ keeps the test honest without flakiness.
        Assert.That(Math.Abs(dropped - expected), Is.LessThan(5 * Math.Sqrt(expected * (1 - p))), $"dropped {dropped}");
        Assert.That(values.Where(v => v != 0).Distinct(), Is.EqualTo(new[] { (float)(1 / (1 - p)) }));
        Assert.That(output.shape, Is.EqualTo(input.shape));
    }

    [Test]
    public void SpreadsDropsOverTheWholeTensor_AndIsIdentityInEvalMode()
    {
        using var random = new Generator(2);
        using var dropout = new SeededDropout(0.01, random);
        dropout.train();
        using var input = ones(100_000);
        var values = dropout.forward(input).data<float>().ToArray();
        var lastDrop = Array.LastIndexOf(values, 0f);
        var firstDrop = Array.IndexOf(values, 0f);
        Assert.That(firstDrop, Is.LessThan(2_000));
        Assert.That(lastDrop, Is.GreaterThan(98_000));

        dropout.eval();
        Assert.That(dropout.forward(input).data<float>().ToArray().All(v => v == 1), Is.True);
    }

    [Test]
    public void Backward_PassesTheScaledGradient_ExceptAtDroppedPositions()
    {
        using var random = new Generator(3);
        using var dropout = new SeededDropout(0.04, random);
        dropout.train();
        using var input = randn(300, 50).requires_grad_();

        using var output = dropout.forward(input);
        output.sum().backward();

        var kept = output.data<float>().ToArray().Select(v => v != 0).ToArray();
        var gradient = input.grad!.data<float>().ToArray();
        var scale = (float)(1 / (1 - 0.04));
        Assert.That(kept.Count(k => !k), Is.InRange(300, 900), "about 600 of 15,000 dropped");
        Assert.That(gradient.Where((_, i) => !kept[i]), Is.All.Zero);
        Assert.That(gradient.Where((_, i) => kept[i]), Is.All.EqualTo(scale));
    }

    [Test]
    public void SameSeed_DropsTheSamePositions()
    {
        float[] Drops(int seed)
        {
            using var random = new Generator((ulong)seed);
            using var dropout = new SeededDropout(0.01, random);
            dropout.train();
            using var input = ones(50_000);
            return dropout.forward(input).data<float>().ToArray();
        }

        var first = Drops(4);
        var again = Drops(4);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Drops(5), Is.Not.EqualTo(first));
    }

    [TestCase(0.01)]
    [TestCase(0.5)]
    public void DrawsFromItsGenerator_NotTheProcessWideOne(double p)
    {
        using var random = new Generator(6);
        using var dropout = new SeededDropout(p, random);
        dropout.train();
        using var input = ones(10_000);
        using var before = global::TorchSharp.torch.random.get_rng_state();

        using var output = dropout.forward(input);

        using var after = global::TorchSharp.torch.random.get_rng_state();
        Assert.That(after.data<byte>().ToArray(), Is.EqualTo(before.data<byte>().ToArray()));
        Assert.That(output.data<float>().ToArray(), Does.Contain(0f));
    }
}
