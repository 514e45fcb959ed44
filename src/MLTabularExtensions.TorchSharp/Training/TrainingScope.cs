using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// What a trainer changes in libtorch's process-wide state for one Fit, and gives back when it returns: the global
/// random generator (seeded for the network's initialisation and dropout, then restored to the caller's state) and the
/// intra-op thread count (set when the options ask, then restored). Two trainings in one process, in either order,
/// therefore give the same networks as each alone, and the host's own TorchSharp code sees its generator and threads
/// as it left them.
/// </summary>
internal sealed class TrainingScope : IDisposable
{
    private readonly Tensor _callerRandomState;
    private readonly int _callerThreads;

    private TrainingScope(long seed, int? threads)
    {
        // The native library must be loadable before the first libtorch call.
        Native.TorchSharpNative.EnsureLoadable();
        _callerRandomState = random.get_rng_state();
        _callerThreads = get_num_threads();
        if (threads is { } count) set_num_threads(count);
        random.manual_seed(seed);
    }

    /// <summary>Seeds the global generator with <paramref name="seed"/> and sets <paramref name="threads"/> (if any) until disposed.</summary>
    public static TrainingScope Enter(long seed, int? threads) => new(seed, threads);

    public void Dispose()
    {
        random.set_rng_state(_callerRandomState);
        _callerRandomState.Dispose();
        if (get_num_threads() != _callerThreads) set_num_threads(_callerThreads);
    }
}
