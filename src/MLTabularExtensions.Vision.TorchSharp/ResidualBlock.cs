using MLTabularExtensions.TorchSharp.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// A ResNet basic block: conv3×3 → BatchNorm → ReLU → conv3×3 → BatchNorm, plus the input (through a 1×1 conv and
/// BatchNorm when the width changes), then ReLU. A down-sampling block first halves its input with 2×2 average pooling
/// (<see cref="Downsample"/>) instead of striding its convolutions. The second BatchNorm starts at zero scale, as
/// fastai's <c>ResBlock</c> does, so each block begins as the identity.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    public ResidualBlock(int input, int output, bool halves) : base("ResidualBlock")
    {
        Halves = halves;
        First = ConvNorm.Create(input, output, 3);
        Second = ConvNorm.Create(output, output, 3);
        using (no_grad()) Second.Norm.weight!.zero_();
        if (input != output) Shortcut = ConvNorm.Create(input, output, 1);
        RegisterComponents();
    }

    /// <summary>Whether the block halves the resolution.</summary>
    public bool Halves { get; }

    public ConvNorm First { get; }

    public ConvNorm Second { get; }

    public ConvNorm? Shortcut { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        if (Halves) x = Downsample.Forward(x);
        var path = Second.forward(nn.functional.relu(First.forward(x)));
        var identity = Shortcut is null ? x : Shortcut.forward(x);
        return nn.functional.relu(path.add_(identity, alpha: Scalars.One)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// 2×2 average pooling with stride 2, the network's only way down. A strided 3×3 convolution centres output j on input
/// 2j, half an input pixel up-left of where the output cell lies; four of them shift a 16× heatmap by 7.5 image pixels.
/// Pooling keeps cell (i, j) of the heatmap exactly over image pixels [16i, 16i + 16) × [16j, 16j + 16). An odd size
/// keeps its last row and column (ceil mode, averaging only the pixels that exist), as ONNX's AveragePool does.
/// </summary>
internal static class Downsample
{
    public const int Factor = 2;

    public static Tensor Forward(Tensor x) =>
        nn.functional.avg_pool2d(x, Factor, stride: Factor, ceil_mode: true, count_include_pad: false);
}

/// <summary>
/// A bias-free stride-1 convolution (padding keeps the size) followed by BatchNorm. The BatchNorm runs through
/// <c>functional.batch_norm</c> with momentum 0.1: TorchSharp's module would also count batches with a scalar
/// <c>add_</c> that failed natively ("toLong") in a long CPU run here, and the count is unused with a fixed momentum.
/// </summary>
internal sealed class ConvNorm : nn.Module<Tensor, Tensor>
{
    private ConvNorm(Conv2d conv, BatchNorm2d norm) : base("ConvNorm")
    {
        Conv = conv;
        Norm = norm;
        RegisterComponents();
    }

    public Conv2d Conv { get; }

    public BatchNorm2d Norm { get; }

    public static ConvNorm Create(int input, int output, int kernel) =>
        new(nn.Conv2d(input, output, kernel, padding: kernel / 2, bias: false), nn.BatchNorm2d(output));

    private const double Momentum = 0.1;
    private const double Epsilon = 1e-5;

    public override Tensor forward(Tensor x) => nn.functional.batch_norm(Conv.forward(x), Norm.running_mean, Norm.running_var,
        Norm.weight, Norm.bias, training, Momentum, Epsilon);
}
