using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>
/// Gives every Linear and Conv2d of a network PyTorch's default initial weights again, drawn from the trainer's own
/// generator: <c>kaiming_uniform_(a = √5)</c> for the weight and U(−1/√fan_in, 1/√fan_in) for the bias, i.e. both
/// uniform within ±1/√fan_in. TorchSharp's layers draw their first weights from libtorch's process-wide generator,
/// which other threads of the host may be using at the same moment; these draws replace them.
/// </summary>
internal static class SeededInitialisation
{
    /// <summary>Re-draws the layers' parameters in the order <c>modules()</c> lists them.</summary>
    public static void Apply(nn.Module network, Generator random)
    {
        using var noGrad = no_grad();
        foreach (var module in network.modules())
        {
            switch (module)
            {
                case Linear linear:
                    Uniform(linear.weight!, linear.weight!.shape[1], random);
                    if (linear.bias is { } bias) Uniform(bias, linear.weight!.shape[1], random);
                    break;
                case Conv2d conv:
                    var fanIn = conv.weight!.shape[1] * conv.weight!.shape[2] * conv.weight!.shape[3];
                    Uniform(conv.weight!, fanIn, random);
                    if (conv.bias is { } convBias) Uniform(convBias, fanIn, random);
                    break;
            }
        }
    }

    private static void Uniform(Tensor parameter, long fanIn, Generator random)
    {
        var bound = 1 / Math.Sqrt(fanIn);
        parameter.uniform_(-bound, bound, random);
    }
}
