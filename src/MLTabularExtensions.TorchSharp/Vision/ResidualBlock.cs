using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Vision;

/// <summary>
/// A ResNet basic block: conv3×3 (stride) → BatchNorm → ReLU → conv3×3 → BatchNorm, plus the input (through a
/// strided 1×1 conv and BatchNorm when the shape changes), then ReLU. The second BatchNorm starts at zero scale, as
/// fastai's <c>ResBlock</c> does, so each block begins as the identity.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    public ResidualBlock(int input, int output, int stride) : base("ResidualBlock")
    {
        Stride = stride;
        First = ConvNorm.Create(input, output, 3, stride);
        Second = ConvNorm.Create(output, output, 3, 1);
        using (no_grad()) Second.Norm.weight!.zero_();
        if (stride != 1 || input != output) Shortcut = ConvNorm.Create(input, output, 1, stride);
        RegisterComponents();
    }

    public int Stride { get; }

    public ConvNorm First { get; }

    public ConvNorm Second { get; }

    public ConvNorm? Shortcut { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var path = Second.forward(nn.functional.relu(First.forward(x)));
        var identity = Shortcut is null ? x : Shortcut.forward(x);
        return nn.functional.relu(path.add_(identity)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// A bias-free convolution (padding keeps the size at stride 1) followed by BatchNorm. The BatchNorm runs through
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

    public static ConvNorm Create(int input, int output, int kernel, int stride) =>
        new(nn.Conv2d(input, output, kernel, stride: stride, padding: kernel / 2, bias: false), nn.BatchNorm2d(output));

    private const double Momentum = 0.1;
    private const double Epsilon = 1e-5;

    public override Tensor forward(Tensor x) => nn.functional.batch_norm(Conv.forward(x), Norm.running_mean, Norm.running_var,
        Norm.weight, Norm.bias, training, Momentum, Epsilon);
}
