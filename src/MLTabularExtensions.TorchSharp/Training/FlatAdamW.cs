using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// AdamW (decoupled weight decay) over one flat buffer: every parameter and its gradient become views into two
/// contiguous tensors, so a step is eight whole-buffer operations instead of nine per parameter tensor. Parameters
/// that take weight decay come first, so decay is one multiply over a prefix. Same update as torch.optim.AdamW.
/// <para>
/// Every number it hands libtorch is a <see cref="Scalar"/> held in a field or a <c>using</c> variable until the call
/// returns, as everywhere in this project's loops: TorchSharp's implicit number-to-Scalar conversion leaves the native
/// Scalar without a managed reference once the call starts, so a garbage collection on another thread can free it
/// while libtorch reads it (seen here: ImageCnn test runs now and then failed with "Unknown scalar type").
/// </para>
/// </summary>
internal sealed class FlatAdamW : IDisposable
{
    private readonly Tensor _parameters;
    private readonly Tensor _gradients;
    private readonly Tensor _decayed;
    private readonly Tensor _firstMoment;
    private readonly Tensor _secondMoment;
    private readonly double _weightDecay;
    private readonly double _beta2;
    private readonly Scalar _keepSecond;
    private readonly Scalar _addSecond;
    private readonly Scalar _epsilon;
    private long _steps;

    /// <param name="decayed">Parameters with weight decay (embeddings, Linear weights).</param>
    /// <param name="rest">Parameters without (biases, BatchNorm).</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="beta2">Second-moment decay.</param>
    /// <param name="epsilon">Added to the denominator.</param>
    public FlatAdamW(IReadOnlyList<global::TorchSharp.Modules.Parameter> decayed, IReadOnlyList<global::TorchSharp.Modules.Parameter> rest, double weightDecay,
        double beta2, double epsilon)
    {
        var all = decayed.Concat(rest).ToArray();
        var device = all[0].device;
        var total = all.Sum(p => p.numel());
        _parameters = empty(total, ScalarType.Float32, device);
        _gradients = zeros(total, ScalarType.Float32, device);
        using (no_grad())
        {
            long offset = 0;
            foreach (var parameter in all)
            {
                var count = parameter.numel();
                var view = _parameters.narrow(0, offset, count).view(parameter.shape);
                view.copy_(parameter);
                parameter.set_(view);
                parameter.grad = _gradients.narrow(0, offset, count).view(parameter.shape);
                offset += count;
            }
        }
        _decayed = _parameters.narrow(0, 0, decayed.Sum(p => p.numel()));
        _firstMoment = zeros_like(_parameters);
        _secondMoment = zeros_like(_parameters);
        _weightDecay = weightDecay;
        _beta2 = beta2;
        _keepSecond = beta2.ToScalar();
        _addSecond = (1 - beta2).ToScalar();
        _epsilon = epsilon.ToScalar();
    }

    public void ZeroGrad() => _gradients.zero_();

    public void Step(double learningRate, double beta1)
    {
        _steps++;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var decay = (1 - learningRate * _weightDecay).ToScalar();
        using var keepFirst = beta1.ToScalar();
        using var addFirst = (1 - beta1).ToScalar();
        using var secondCorrection = Math.Sqrt(1 - Math.Pow(_beta2, _steps)).ToScalar();
        using var stepSize = (-learningRate / (1 - Math.Pow(beta1, _steps))).ToScalar();
        if (_weightDecay > 0) _decayed.mul_(decay);
        _firstMoment.mul_(keepFirst).add_(_gradients, alpha: addFirst);
        _secondMoment.mul_(_keepSecond).addcmul_(_gradients, _gradients, value: _addSecond);
        var denominator = _secondMoment.sqrt().div_(secondCorrection).add_(_epsilon);
        _parameters.addcdiv_(_firstMoment, denominator, value: stepSize);
    }

    public void Dispose()
    {
        _decayed.Dispose();
        _firstMoment.Dispose();
        _secondMoment.Dispose();
        _gradients.Dispose();
        _parameters.Dispose();
        _keepSecond.Dispose();
        _addSecond.Dispose();
        _epsilon.Dispose();
    }
}
