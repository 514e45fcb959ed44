using TorchSharp.Modules;

namespace MLTabularExtensions.TorchSharp.Onnx;

/// <summary>
/// An eval-mode BatchNorm as the affine map it is, <c>y = scale · x + shift</c> per channel, with
/// <c>scale = γ / √(running_var + ε)</c> and <c>shift = β − running_mean · scale</c>: the exported graphs fold it into
/// the layer before it (a convolution's weights) or into the layer after it (a linear layer's weights and bias).
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>Per-channel scale and shift, computed in double and rounded once to float.</summary>
    public static (double[] Scale, double[] Shift) Of(BatchNorm norm)
    {
        var mean = OnnxGraphBuilder.Values(norm.running_mean!);
        var variance = OnnxGraphBuilder.Values(norm.running_var!);
        var gamma = OnnxGraphBuilder.Values(norm.weight!);
        var beta = OnnxGraphBuilder.Values(norm.bias!);
        var scale = new double[mean.Length];
        var shift = new double[mean.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            scale[i] = gamma[i] / Math.Sqrt(variance[i] + norm.eps);
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        return (scale, shift);
    }
}
