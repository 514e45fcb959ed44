using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// The training loss of one batch: cross-entropy, after fastai's MixUp or CutMix when asked. The draws come from its
/// own seeded generator, so mixing does not shift dropout's or the shuffle's random streams. Numbers go to libtorch as
/// held Scalars (see FlatAdamW on TorchSharp's Scalars).
/// </summary>
internal sealed class BatchMixer(BatchMixing mixing, double alpha, int seed) : IDisposable
{
    private readonly Generator _generator = new((ulong)seed, CPU);
    private readonly Random _draws = new(seed);

    public Tensor Loss(ImageCnnModule model, Tensor pixels, Tensor labels)
    {
        if (mixing == BatchMixing.None) return nn.functional.cross_entropy(model.forward(pixels), labels);
        var rows = pixels.shape[0];
        var partner = randperm(rows, generator: _generator).to(pixels.device);
        var (mixed, keep) = mixing == BatchMixing.MixUp ? MixUp(pixels, partner) : CutMix(model.Shape, pixels, partner);
        var logits = model.forward(mixed);
        var own = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None);
        var other = nn.functional.cross_entropy(logits, labels.index_select(0, partner), reduction: nn.Reduction.None);
        return other.lerp(own, keep).mean();
    }

    private (Tensor Pixels, Tensor Keep) MixUp(Tensor pixels, Tensor partner)
    {
        var rows = pixels.shape[0];
        var keep = tensor(Beta(rows));
        using var one = 1.ToScalar();
        keep = maximum(keep, keep.neg().add_(one)).to(pixels.device);
        return (pixels.index_select(0, partner).lerp(pixels, keep.unsqueeze(1)), keep);
    }

    private (Tensor Pixels, Tensor Keep) CutMix(ImageCnnShape shape, Tensor pixels, Tensor partner)
    {
        var cut = Math.Sqrt(1 - Beta(1)[0]);
        var (top, bottom) = Span(shape.Height, cut);
        var (left, right) = Span(shape.Width, cut);
        var images = pixels.reshape(-1, shape.Channels, shape.Height, shape.Width).clone();
        var box = (TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(top, bottom), TensorIndex.Slice(left, right));
        images[box.Item1, box.Item2, box.Item3, box.Item4] = images.index_select(0, partner)[box.Item1, box.Item2, box.Item3, box.Item4];
        using var kept = ((float)(1 - (double)(bottom - top) * (right - left) / (shape.Height * shape.Width))).ToScalar();
        return (images.reshape(pixels.shape), full(pixels.shape[0], kept, device: pixels.device));
    }

    /// <summary>A random centre with a window of <paramref name="share"/> of <paramref name="length"/>, clipped to the image.</summary>
    private (long Start, long End) Span(int length, double share)
    {
        var size = (long)(length * share);
        var centre = randint(0, length, [1], generator: _generator).item<long>();
        return (Math.Clamp(centre - size / 2, 0, length), Math.Clamp(centre + size / 2, 0, length));
    }

    /// <summary>
    /// Beta(α, α) draws as X / (X + Y) of two Gamma(α) draws. Drawn here rather than by TorchSharp's Beta distribution,
    /// whose sampling did not repeat under a seeded generator of its own (it drew from libtorch's global one).
    /// </summary>
    private float[] Beta(long count)
    {
        var draws = new float[count];
        for (var i = 0; i < count; i++)
        {
            var x = Gamma(alpha);
            var y = Gamma(alpha);
            draws[i] = (float)(x / (x + y));
        }
        return draws;
    }

    /// <summary>Marsaglia and Tsang's Gamma(shape, 1) sampler; shape &lt; 1 through Gamma(shape + 1) · U^(1/shape).</summary>
    private double Gamma(double shape)
    {
        if (shape < 1) return Gamma(shape + 1) * Math.Pow(_draws.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var x = Normal();
            var v = Math.Pow(1 + c * x, 3);
            if (v <= 0) continue;
            var u = _draws.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _draws.NextDouble())) * Math.Cos(2 * Math.PI * _draws.NextDouble());

    public void Dispose() => _generator.Dispose();
}
