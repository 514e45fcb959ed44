using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>
/// Dropout that draws only the dropped positions. libtorch draws one Bernoulli number per element, which dominates a
/// forward pass when p is tiny (the lesson's 0.001 drops ~500 of 512,000 activations). The gaps between dropped
/// positions of a Bernoulli(p) sequence are Geometric(p), so drawing the gaps gives exactly the same distribution
/// from about n·p random numbers instead of n.
/// </summary>
internal sealed class SparseDropout(double probability) : nn.Module<Tensor, Tensor>("SparseDropout")
{
    public double Probability { get; } = probability;

    public override Tensor forward(Tensor input)
    {
        if (!training || Probability == 0) return input;
        var count = input.numel();
        var expected = count * Probability;
        // Enough gaps to pass the end with overwhelming probability; the loop below covers the rest.
        var draws = (long)Math.Ceiling(expected + 8 * Math.Sqrt(expected) + 16);
        using var scope = NewDisposeScope();
        // Numbers go to libtorch as held Scalars (see FlatAdamW on TorchSharp's Scalars).
        using var one = 1.ToScalar();
        using var zero = 0.ToScalar();
        using var end = count.ToScalar();
        using var keptScale = (1 / (1 - Probability)).ToScalar();
        using var logKeep = Math.Log(1 - Probability).ToScalar();
        var positions = Gaps(draws, logKeep, one, input.device).cumsum(0).sub_(one);
        while (positions[-1].item<long>() < count)
        {
            var more = Gaps(draws, logKeep, one, input.device).cumsum(0).add_(positions[-1], alpha: Scalars.One);
            positions = cat([positions, more], 0);
        }
        var dropped = positions.masked_select(positions.lt(end));
        var mask = full(count, keptScale, input.dtype, input.device).index_fill_(0, dropped, zero);
        return (input * mask.view(input.shape)).MoveToOuterDisposeScope();
    }

    /// <summary>Geometric(p) gaps ≥ 1: floor(ln U / ln(1 − p)) + 1.</summary>
    private static Tensor Gaps(long draws, Scalar logKeep, Scalar one, Device device) =>
        rand(draws, ScalarType.Float64, device).log_().div_(logKeep).floor_().add_(one).to(ScalarType.Int64);
}
