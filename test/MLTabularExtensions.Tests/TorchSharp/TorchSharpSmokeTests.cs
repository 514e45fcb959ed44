using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TorchSharp;

/// <summary>Proves the native-compatibility step: libtorch loads on this machine and computes correctly.</summary>
public sealed class TorchSharpSmokeTests
{
    [Test]
    public void Linear_ForwardAndBackward_MatchHandComputation()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(2, 1);
        using (no_grad())
        {
            layer.weight!.copy_(tensor(new float[] { 2f, -1f }).reshape(1, 2));
            layer.bias!.copy_(tensor(new float[] { 0.5f }));
        }
        var x = tensor(new float[] { 1f, 3f, -2f, 4f }).reshape(2, 2);

        var y = layer.forward(x);
        var loss = y.sum();
        loss.backward();

        // y = 2·x0 − x1 + 0.5 → rows: 2 − 3 + 0.5 = −0.5 and −4 − 4 + 0.5 = −7.5.
        Assert.That(y.data<float>().ToArray(), Is.EqualTo(new[] { -0.5f, -7.5f }));
        // d(sum y)/dW = column sums of x; d/db = number of rows.
        Assert.That(layer.weight!.grad!.data<float>().ToArray(), Is.EqualTo(new[] { -1f, 7f }));
        Assert.That(layer.bias!.grad!.data<float>().ToArray(), Is.EqualTo(new[] { 2f }));
    }
}
