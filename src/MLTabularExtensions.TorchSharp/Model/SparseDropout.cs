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
        var logKeep = Math.Log(1 - Probability);
        var positions = Gaps(draws, logKeep, input.device).cumsum(0) - 1;
        while (positions[-1].item<long>() < count)
        {
            var more = Gaps(draws, logKeep, input.device).cumsum(0) + positions[-1];
            positions = cat([positions, more], 0);
        }
        var dropped = positions.masked_select(positions.lt(count));
        var mask = full(count, 1 / (1 - Probability), input.dtype, input.device).index_fill_(0, dropped, 0);
        return (input * mask.view(input.shape)).MoveToOuterDisposeScope();
    }

    /// <summary>Geometric(p) gaps ≥ 1: floor(ln U / ln(1 − p)) + 1.</summary>
    private static Tensor Gaps(long draws, double logKeep, Device device) =>
        (rand(draws, ScalarType.Float64, device).log_() / logKeep).floor_().add_(1).to(ScalarType.Int64);
}
