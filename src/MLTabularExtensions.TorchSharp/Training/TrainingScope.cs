using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// One Fit's hold on libtorch: the device it trains on (<see cref="TrainingDevice"/>), and what it changes in libtorch's
/// process-wide state for that Fit and gives back when it returns: the global
/// random generator (seeded for the network's initialisation and dropout, then restored to the caller's state) and the
/// intra-op thread count (set when the options ask, then restored). Two trainings in one process, in either order,
/// therefore give the same networks as each alone, and the host's own TorchSharp code sees its generator and threads
/// as it left them.
/// </summary>
internal sealed class TrainingScope : IDisposable
{
    private readonly Tensor _callerRandomState;
    private readonly int _callerThreads;

    private TrainingScope(OneCycleOptions options, CatalogHost host, string trainer)
    {
        // The native library must be loadable before the first libtorch call.
        Native.TorchSharpNative.EnsureLoadable();
        // Before anything changes: a refused device must leave the process as it was.
        Device = TrainingDevice.Resolve(options.Device, host, trainer);
        _callerRandomState = random.get_rng_state();
        _callerThreads = get_num_threads();
        if (options.Threads is { } count) set_num_threads(count);
        random.manual_seed(options.ResolvedSeed);
    }

    /// <summary>The device the Fit trains on.</summary>
    public Device Device { get; }

    /// <summary>Seeds the global generator and sets the thread count as <paramref name="options"/> say, until disposed.</summary>
    public static TrainingScope Enter(OneCycleOptions options, CatalogHost host, string trainer) => new(options, host, trainer);

    public void Dispose()
    {
        random.set_rng_state(_callerRandomState);
        _callerRandomState.Dispose();
        if (get_num_threads() != _callerThreads) set_num_threads(_callerThreads);
    }
}
