using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// One Fit's hold on libtorch: the device it trains on (<see cref="TrainingDevice"/>), and the intra-op thread count,
/// set when the options ask and restored when the Fit returns. libtorch's random generator is not part of it: a
/// training draws from generators of its own (<see cref="Model.SeededConstruction"/>, <see cref="Model.SeededDropout"/>,
/// <see cref="Learner"/>), so two trainings in one process, in either order or at once, give the same networks as each
/// alone, and the host's own TorchSharp code sees its generator as it left it.
/// </summary>
internal sealed class TrainingScope : IDisposable
{
    private readonly int _callerThreads;

    private TrainingScope(OneCycleOptions options, CatalogHost host, string trainer)
    {
        // The native library must be loadable before the first libtorch call.
        Native.TorchSharpNative.EnsureLoadable();
        // Before anything changes: a refused device must leave the process as it was.
        Device = TrainingDevice.Resolve(options.Device, host, trainer);
        _callerThreads = get_num_threads();
        if (options.Threads is { } count) set_num_threads(count);
    }

    /// <summary>The device the Fit trains on.</summary>
    public Device Device { get; }

    /// <summary>Resolves the device and sets the thread count as <paramref name="options"/> say, until disposed.</summary>
    public static TrainingScope Enter(OneCycleOptions options, CatalogHost host, string trainer) => new(options, host, trainer);

    public void Dispose()
    {
        if (get_num_threads() != _callerThreads) set_num_threads(_callerThreads);
    }
}
