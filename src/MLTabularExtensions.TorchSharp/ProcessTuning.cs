using MLTabularExtensions.TorchSharp.Training;

namespace MLTabularExtensions.TorchSharp;

/// <summary>What <see cref="ProcessTuning.Apply"/> did.</summary>
/// <param name="Mkl">Whether oneMKL now uses its AVX2/AVX-512 kernels on this AMD CPU, and if not, why.</param>
/// <param name="HeapTuned">Whether glibc's heap now keeps large freed blocks for reuse (Linux with glibc only).</param>
public sealed record ProcessTuningStatus(MklOnAmdStatus Mkl, bool HeapTuned);

/// <summary>
/// The process-wide settings that make training faster, in one opt-in call for applications (mltab and the benchmarks
/// make it; the library never does on its own, so a host's allocator and CPU dispatch stay as it set them):
/// <list type="bullet">
/// <item>oneMKL's kernels for the CPU's widest vectors on AMD CPUs (<see cref="MklOnAmd.Enable"/>; must come before anything loads libtorch);</item>
/// <item>glibc's heap keeps large freed blocks for the next training step instead of unmapping them (mallopt: no mmap,
/// a 1 GB trim threshold), and training hands freed memory back to the OS when the process has grown by 256 MB.</item>
/// </list>
/// Call it first thing in <c>Main</c>. Training's thread count needs no opt-in: a Fit sets it (when asked) for its own
/// duration and restores it, and training draws from random generators of its own.
/// </summary>
public static class ProcessTuning
{
    /// <summary>Applies both tunings where they apply; safe to call more than once.</summary>
    public static ProcessTuningStatus Apply() => new(MklOnAmd.Enable(), NativeHeap.ReuseFreedBlocks());
}
