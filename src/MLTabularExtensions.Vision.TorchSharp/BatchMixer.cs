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
        var keep = Beta(rows);
        using var one = 1.ToScalar();
        keep = maximum(keep, keep.neg().add_(one)).to(pixels.device);
        return (pixels.index_select(0, partner).lerp(pixels, keep.unsqueeze(1)), keep);
    }

    private (Tensor Pixels, Tensor Keep) CutMix(ImageCnnShape shape, Tensor pixels, Tensor partner)
    {
        var cut = Math.Sqrt(1 - Beta(1).item<float>());
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

    private Tensor Beta(long count)
    {
        using var value = alpha.ToScalar();
        using var concentration = full(count, value, dtype: float32);
        using var distribution = distributions.Beta(concentration, concentration, _generator);
        return distribution.sample();
    }

    public void Dispose() => _generator.Dispose();
}
