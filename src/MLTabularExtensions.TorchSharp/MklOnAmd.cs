using System.Runtime.InteropServices;

namespace MLTabularExtensions.TorchSharp;

/// <summary>What <see cref="MklOnAmd.Enable"/> did.</summary>
public enum MklOnAmdStatus
{
    /// <summary>The shim is loaded: libtorch's oneMKL will use the kernels of the CPU's widest vectors (AVX-512 or AVX2).</summary>
    Enabled,
    /// <summary>MLTAB_MKL_AMD=0 is set.</summary>
    Disabled,
    /// <summary>Not an AMD CPU with AVX2 on Linux x64: oneMKL already chooses well, or the shim cannot help.</summary>
    NotApplicable,
    /// <summary>libtorch is already loaded in this process; the shim must be loaded first.</summary>
    TooLate,
    /// <summary>libmltab_mkl_amd.so is not beside the application (no C compiler at build time).</summary>
    ShimMissing,
}

/// <summary>
/// Opt-in speed-up for AMD CPUs: oneMKL inside libtorch asks whether the CPU is Intel's before it picks its kernels,
/// and on AMD it settles for narrower ones than the CPU has. Loading the repository's one-function shim
/// (build/native/mkl_amd.c) globally before libtorch makes it pick by the CPU's features: float32 matmul 2.3× faster
/// with AVX-512 (Zen 4/5) and 1.8× with AVX2 only (Zen 3); see benchmarks/RESULTS.md. Unsupported by Intel, so it
/// applies only on AMD CPUs with AVX2 or AVX-512, and <c>MLTAB_MKL_AMD=0</c> turns it off.
/// </summary>
public static class MklOnAmd
{
    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;

    /// <summary>The environment variable that turns the shim off when set to 0.</summary>
    public const string SwitchVariable = "MLTAB_MKL_AMD";

    /// <summary>The shim's file name, built into the output folder of applications that set MLTabMklShim.</summary>
    public const string ShimFileName = "libmltab_mkl_amd.so";

    /// <summary>Loads the shim if it applies. Call it first thing in <c>Main</c>, before anything touches TorchSharp.</summary>
    public static MklOnAmdStatus Enable()
    {
        if (Environment.GetEnvironmentVariable(SwitchVariable) == "0") return MklOnAmdStatus.Disabled;
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return MklOnAmdStatus.NotApplicable;
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
        if (!cpu.Contains("AuthenticAMD", StringComparison.Ordinal) || !cpu.Contains(" avx2", StringComparison.Ordinal))
            return MklOnAmdStatus.NotApplicable;
        if (File.ReadAllText("/proc/self/maps").Contains("libtorch_cpu.so", StringComparison.Ordinal)) return MklOnAmdStatus.TooLate;
        var shim = Path.Combine(AppContext.BaseDirectory, ShimFileName);
        if (!File.Exists(shim)) return MklOnAmdStatus.ShimMissing;
        if (dlopen(shim, RtldNow | RtldGlobal) == IntPtr.Zero)
            throw new InvalidOperationException($"Loading {shim} failed: {Marshal.PtrToStringAnsi(dlerror())}");
        return MklOnAmdStatus.Enabled;
    }

    [DllImport("libc.so.6")]
    private static extern IntPtr dlopen(string path, int flags);

    [DllImport("libc.so.6")]
    private static extern IntPtr dlerror();
}
