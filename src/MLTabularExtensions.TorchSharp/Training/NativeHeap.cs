using System.Runtime.InteropServices;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// Hands freed native memory back to the OS. libtorch allocates each step's activations with malloc; glibc keeps the
/// freed chunks in its heap, which fragments, so a training process's RSS grows by hundreds of MB over the first
/// epoch and stays there (measured: 503 MB → 1.27 GB on the Rossmann lesson). Trimming every few dozen steps keeps
/// it near the working set for a negligible cost, unlike MALLOC_TRIM_THRESHOLD_=0, which trims on every free and
/// halved the speed.
/// </summary>
internal static class NativeHeap
{
    public const int TrimEverySteps = 50;

    private static readonly bool Available = OperatingSystem.IsLinux() && IsGlibc();

    public static void Trim()
    {
        if (Available) malloc_trim(0);
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
}
