namespace MLTabularExtensions.TorchSharp;

/// <summary>Where a trainer runs (<see cref="OneCycleOptions.Device"/>).</summary>
public enum ComputeDevice
{
    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>The first CUDA GPU; training fails with a clear message when none is usable (no GPU, or a CPU-only libtorch backend).</summary>
    Cuda,

    /// <summary>CUDA when a GPU is usable, else the CPU.</summary>
    Auto,
}
