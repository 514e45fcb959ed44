using System.Runtime.InteropServices;
using MLTabularExtensions.TorchSharp.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// AdamW (decoupled weight decay) over one flat buffer: every parameter and its gradient become views into two
/// contiguous tensors. Parameters that take weight decay come first, so decay applies to a prefix. Same update as
/// torch.optim.AdamW. On the CPU a step is one managed pass over the buffers (<see cref="AdamWKernel"/>); on other
/// devices, eight whole-buffer libtorch operations instead of nine per parameter tensor. Either way a step leaves
/// every gradient at zero, ready for the next backward pass.
/// <para>
/// Every number it hands libtorch is a <see cref="Scalar"/> held in a field or a <c>using</c> variable until the call
/// returns, as everywhere in this project's loops: TorchSharp's implicit number-to-Scalar conversion leaves the native
/// Scalar without a managed reference once the call starts, so a garbage collection on another thread can free it
/// while libtorch reads it (seen here: ImageCnn test runs now and then failed with "Unknown scalar type").
/// </para>
/// </summary>
internal sealed class FlatAdamW : IDisposable
{
    // A moment whose gradient stays zero or nearly (a unit whose ReLU is off for the rows of many batches, an embedding
    // row few batches hold) decays towards float's subnormal range, where every operation on it takes an x86 microcode
    // assist: measured on the Rossmann lesson, 467,375 of 809,024 first moments subnormal by step 4,500, and epochs
    // 3-5 12-28 % longer than epochs 1-2 on an Intel Xeon. Every few steps they are set to zero, as flush-to-zero mode
    // would, without touching the floating-point mode of any thread. Both callers use ε = 1e-5, so a subnormal first
    // moment's share of the update, m / (√v + ε), is under 1.2e-33 × the learning rate, and a subnormal second moment
    // moves the denominator by under 1e-14 of itself: far below a parameter's precision (the lesson's losses and RMSPE
    // came out the same to every printed digit).
    private const int SubnormalFlushSteps = 8;
    private static readonly Scalar SmallestNormal = 1.17549435e-38f.ToScalar();

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
    private readonly double _epsilonValue;
    private readonly long _decayedCount;
    private readonly bool _kernel;
    private long _steps;

    /// <param name="decayed">Parameters with weight decay (embeddings, Linear weights).</param>
    /// <param name="rest">Parameters without (biases, BatchNorm).</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="beta2">Second-moment decay.</param>
    /// <param name="epsilon">Added to the denominator.</param>
    /// <param name="cpuKernel">Whether buffers on the CPU take <see cref="AdamWKernel"/> (false: libtorch's operations, as on other devices; for tests).</param>
    public FlatAdamW(IReadOnlyList<global::TorchSharp.Modules.Parameter> decayed, IReadOnlyList<global::TorchSharp.Modules.Parameter> rest, double weightDecay,
        double beta2, double epsilon, bool cpuKernel = true)
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
        _decayedCount = decayed.Sum(p => p.numel());
        _decayed = _parameters.narrow(0, 0, _decayedCount);
        // A span holds at most int.MaxValue bytes.
        _kernel = cpuKernel && device.type == global::TorchSharp.DeviceType.CPU && total * sizeof(float) <= int.MaxValue;
        _firstMoment = zeros_like(_parameters);
        _secondMoment = zeros_like(_parameters);
        _weightDecay = weightDecay;
        _beta2 = beta2;
        _keepSecond = beta2.ToScalar();
        _addSecond = (1 - beta2).ToScalar();
        _epsilon = epsilon.ToScalar();
        _epsilonValue = epsilon;
    }

    /// <summary>Every parameter's first moment, in the flat buffer's order.</summary>
    public Tensor FirstMoment => _firstMoment;

    /// <summary>One step at <paramref name="learningRate"/> with first-moment decay <paramref name="beta1"/>; leaves the gradients at zero.</summary>
    public void Step(double learningRate, double beta1)
    {
        _steps++;
        var flush = _steps % SubnormalFlushSteps == 0;
        if (_kernel)
        {
            var constants = new AdamWKernel.Constants((float)(1 - learningRate * _weightDecay), (float)beta1, (float)_beta2,
                (float)Math.Sqrt(1 - Math.Pow(_beta2, _steps)), (float)_epsilonValue, (float)(-learningRate / (1 - Math.Pow(beta1, _steps))), flush);
            var parameters = Floats(_parameters);
            var gradients = Floats(_gradients);
            var first = Floats(_firstMoment);
            var second = Floats(_secondMoment);
            var decayed = (int)_decayedCount;
            AdamWKernel.Step(parameters[..decayed], gradients[..decayed], first[..decayed], second[..decayed], constants);
            AdamWKernel.Step(parameters[decayed..], gradients[decayed..], first[decayed..], second[decayed..], constants with { Decay = 1 });
            return;
        }
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
        _gradients.zero_();
        if (flush)
        {
            FlushSubnormals(_firstMoment);
            FlushSubnormals(_secondMoment);
        }
    }

    private static Span<float> Floats(Tensor buffer) => MemoryMarshal.Cast<byte, float>(buffer.bytes);

    private static void FlushSubnormals(Tensor moment)
    {
        using var subnormal = moment.abs().lt(SmallestNormal);
        moment.masked_fill_(subnormal, Scalars.Zero);
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
