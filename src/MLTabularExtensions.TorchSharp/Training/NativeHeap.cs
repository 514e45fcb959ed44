using System.Globalization;
using System.Runtime.InteropServices;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// How training uses glibc's heap. libtorch allocates each step's activations with malloc. Left to its defaults, glibc
/// serves every block above its mmap threshold (32 MB at most) with freshly mapped pages and unmaps them on free, so
/// each step faults its large activations in again page by page; <see cref="ReuseFreedBlocks"/> stops that. Freed
/// blocks then stay in the heap, which fragments, so a training process's RSS would grow by hundreds of MB over the
/// first epoch (measured: 503 MB → 1.27 GB on the Rossmann lesson). <see cref="TrimIfGrown"/>, called every
/// <see cref="CheckEverySteps"/> steps, hands the free memory back only when the process has grown by
/// <see cref="GrowthBudget"/> since the last trim: a trim returns every free page, which the next steps fault in again,
/// so trimming every 50 steps regardless cost the Rossmann epoch about a tenth of its time on a nested-virtualisation
/// machine (MALLOC_TRIM_THRESHOLD_=0, a trim on every free, halved the speed). glibc's own count of free bytes cannot
/// serve: trimmed blocks stay free blocks, only without pages.
/// <para>All of it is process-wide, so it happens only after the application opted in (<see cref="ProcessTuning.Apply"/>);
/// otherwise glibc's defaults stand and training never trims.</para>
/// </summary>
internal static class NativeHeap
{
    public const int CheckEverySteps = 50;

    /// <summary>Growth of the resident set since the last trim that triggers the next one.</summary>
    public const long GrowthBudget = 256L << 20;

    private static long _residentAfterTrim;

    // mallopt parameters (malloc.h).
    private const int TrimThreshold = -1;
    private const int MmapMax = -4;

    private static readonly bool Available = OperatingSystem.IsLinux() && IsGlibc();
    private static int _reusing;

    /// <summary>
    /// Serves large blocks from the heap and keeps freed ones there for the next step (process-wide, once); true when
    /// the heap is (now) tuned. Measured on the pets CNN (128 px, batch 32: the stem's activations are 67 MB): 80,000
    /// page faults/s, a third of the CPU time in the kernel and 15–17 s epochs before; 5 s after, with bit-identical losses.
    /// </summary>
    public static bool ReuseFreedBlocks()
    {
        if (!Available) return false;
        if (Interlocked.Exchange(ref _reusing, 1) == 1) return true;
        mallopt(MmapMax, 0);
        // Above any step's working set, so the top of the heap is handed back only by Trim.
        mallopt(TrimThreshold, 1 << 30);
        return true;
    }

    /// <summary>Whether the application opted in to <see cref="ReuseFreedBlocks"/>; training trims only then.</summary>
    public static bool Tuned => Volatile.Read(ref _reusing) == 1;

    /// <summary>Hands the heap's free pages back to the OS, when the heap is tuned.</summary>
    public static void Trim()
    {
        if (!Tuned) return;
        malloc_trim(0);
        Volatile.Write(ref _residentAfterTrim, ResidentBytes());
    }

    /// <summary>Trims when the resident set has grown by more than <see cref="GrowthBudget"/> since the last trim.</summary>
    public static void TrimIfGrown()
    {
        if (Tuned && Grown(ResidentBytes(), Volatile.Read(ref _residentAfterTrim))) Trim();
    }

    /// <summary>Whether a resident set of <paramref name="resident"/> bytes calls for a trim after one of <paramref name="residentAfterTrim"/>.</summary>
    public static bool Grown(long resident, long residentAfterTrim) => resident > residentAfterTrim + GrowthBudget;

    /// <summary>The process's resident set (the second field of /proc/self/statm, in pages).</summary>
    public static long ResidentBytes()
    {
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    private static bool IsGlibc()
    {
        try
        {
            return gnu_get_libc_version() != IntPtr.Zero;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6")]
    private static extern int malloc_trim(nuint pad);

    [DllImport("libc.so.6")]
    private static extern IntPtr gnu_get_libc_version();

    [DllImport("libc.so.6")]
    private static extern int mallopt(int parameter, int value);
}
