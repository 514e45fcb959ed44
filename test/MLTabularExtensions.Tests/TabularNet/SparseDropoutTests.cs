using MLTabularExtensions.TorchSharp.Model;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class SparseDropoutTests
{
    [TestCase(0.001)]
    [TestCase(0.01)]
    [TestCase(0.04)]
    public void DropsTheExpectedShare_AndScalesTheRest(double p)
    {
        manual_seed(1);
        using var dropout = new SparseDropout(p);
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
        manual_seed(2);
        using var dropout = new SparseDropout(0.01);
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
}
