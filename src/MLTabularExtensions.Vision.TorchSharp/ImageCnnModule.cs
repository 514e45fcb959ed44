using MLTabularExtensions.TorchSharp.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// The CNN: per-channel normalisation with training statistics, a strided conv stem, one <see cref="ResidualBlock"/>
/// per stage, global average pooling, dropout and a linear head (so class activation maps are exact).
/// </summary>
internal sealed class ImageCnnModule : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<ResidualBlock> _stages = new();
    private readonly SeededDropout _dropout;

    /// <param name="shape">The network's layout.</param>
    /// <param name="channelMeans">Training mean of each channel.</param>
    /// <param name="channelStds">Training standard deviation of each channel.</param>
    /// <param name="random">The trainer's generator: initial weights and dropout draw from it.</param>
    public ImageCnnModule(ImageCnnShape shape, float[] channelMeans, float[] channelStds, Generator random) : base("ImageCnn")
    {
        Shape = shape;
        Mean = tensor(channelMeans).reshape(1, shape.Channels, 1, 1);
        Std = tensor(channelStds).reshape(1, shape.Channels, 1, 1);
        Stem = ConvNorm.Create(shape.Channels, shape.Widths[0], 3);
        for (var i = 0; i < shape.Widths.Count; i++)
            _stages.Add(new ResidualBlock(i == 0 ? shape.Widths[0] : shape.Widths[i - 1], shape.Widths[i], halves: i > 0));
        _dropout = new SeededDropout(shape.Dropout, random);
        Head = nn.Linear(shape.Widths[^1], shape.Classes);
        RegisterComponents();
        SeededInitialisation.Apply(this, random);
        register_buffer("mean", Mean);
        register_buffer("std", Std);
    }

    public ImageCnnShape Shape { get; }

    public Tensor Mean { get; }

    public Tensor Std { get; }

    public ConvNorm Stem { get; }

    public IReadOnlyList<ResidualBlock> Stages => [.. _stages];

    public Linear Head { get; }

    /// <summary>Class logits [N, classes] from pixels [N, channels · height · width] (0..255).</summary>
    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var pooled = Activations(pixels).mean([2, 3]);
        return Head.forward(_dropout.forward(pooled)).MoveToOuterDisposeScope();
    }

    /// <summary>The last block's activations [N, C, h, w].</summary>
    public Tensor Activations(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = pixels.reshape(-1, Shape.Channels, Shape.Height, Shape.Width).sub(Mean).div_(Std);
        x = Downsample.Forward(nn.functional.relu(Stem.forward(x)));
        foreach (var stage in _stages) x = stage.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The heatmap of <paramref name="kind"/> for each image, [N, h, w], as the exported graph computes it; with
    /// <paramref name="flipAveraged"/>, the mean of that map and the mirrored map of the mirror image (both for the
    /// class predicted for the image); with <paramref name="smoothed"/>, filtered by <see cref="HeatmapSmoothing"/>.
    /// Eval mode: the class comes from the head without dropout, as in the graph.
    /// </summary>
    public Tensor Heatmap(Tensor pixels, HeatmapKind kind, bool flipAveraged = false, bool smoothed = false)
    {
        using var scope = NewDisposeScope();
        var activations = Activations(pixels);
        var predicted = Head.forward(activations.mean([2, 3])).argmax(1);
        var map = Map(activations, predicted, kind);
        if (flipAveraged)
        {
            var mirror = pixels.reshape(-1, Shape.Channels, Shape.Height, Shape.Width).flip(3).reshape(pixels.shape);
            // A held Scalar (see FlatAdamW on TorchSharp's Scalars).
            using var half = 0.5f.ToScalar();
            map = map.add(Map(Activations(mirror), predicted, kind).flip(2)).mul(half);
        }
        if (smoothed) map = HeatmapSmoothing.Apply(map);
        return map.MoveToOuterDisposeScope();
    }

    private Tensor Map(Tensor activations, Tensor predicted, HeatmapKind kind)
    {
        if (kind == HeatmapKind.ChannelMean) return activations.mean([1]);
        var weights = Head.weight!.index_select(0, predicted).reshape(-1, activations.shape[1], 1, 1);
        var map = activations.mul(weights).sum(1);
        if (kind != HeatmapKind.GradCam) return map;
        // A held Scalar (see FlatAdamW on TorchSharp's Scalars).
        using var cells = (activations.shape[2] * activations.shape[3]).ToScalar();
        return nn.functional.relu(map).div_(cells);
    }
}
