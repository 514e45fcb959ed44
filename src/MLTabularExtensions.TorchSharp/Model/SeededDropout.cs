using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>
/// Dropout whose draws come from a generator the trainer owns, not libtorch's process-wide one, so a training's
/// random numbers neither depend on nor disturb anything else in the process. Probabilities of 0.05 and more draw one
/// Bernoulli number per element, as libtorch's dropout does. Smaller ones draw only the dropped positions: one number
/// per element dominates a forward pass when p is tiny (the lesson's 0.001 drops ~500 of 512,000 activations), and the
/// gaps between dropped positions of a Bernoulli(p) sequence are Geometric(p), so drawing the gaps gives exactly the
/// same distribution from about n·p random numbers instead of n.
/// </summary>
/// <param name="probability">The share of elements zeroed in training; the rest are scaled by 1 / (1 − p).</param>
/// <param name="random">The trainer's generator, on the device the module runs on.</param>
internal sealed class SeededDropout(double probability, Generator random) : nn.Module<Tensor, Tensor>("Dropout")
{
    private const double SparseBelow = 0.05;

    public double Probability { get; } = probability;

    public override Tensor forward(Tensor input)
    {
        if (!training || Probability == 0) return input;
        return Probability < SparseBelow ? Sparse(input) : Dense(input);
    }

    private Tensor Dense(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var keptScale = (1 / (1 - Probability)).ToScalar();
        var mask = empty_like(input).bernoulli_(1 - Probability, random).mul_(keptScale);
        return (input * mask).MoveToOuterDisposeScope();
    }

    private Tensor Sparse(Tensor input)
    {
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
    private Tensor Gaps(long draws, Scalar logKeep, Scalar one, Device device) =>
        rand(draws, ScalarType.Float64, device, generator: random).log_().div_(logKeep).floor_().add_(one).to(ScalarType.Int64);
}
