using System.Runtime.InteropServices;

namespace MLTabularExtensions.TorchSharp;

/// <summary>What <see cref="MklAvx512.EnableOnAmd"/> did.</summary>
public enum MklAvx512Status
{
    /// <summary>The shim is loaded: libtorch's oneMKL will use its AVX-512 kernels.</summary>
    Enabled,
    /// <summary>MLTAB_MKL_AVX512=0 is set.</summary>
    Disabled,
    /// <summary>Not an AMD CPU with AVX-512 on Linux x64: oneMKL already chooses well, or the shim cannot help.</summary>
    NotApplicable,
    /// <summary>libtorch is already loaded in this process; the shim must be loaded first.</summary>
    TooLate,
    /// <summary>libmltab_mkl_amd.so is not beside the application (no C compiler at build time).</summary>
    ShimMissing,
}

/// <summary>
/// Opt-in speed-up for AMD CPUs: oneMKL inside libtorch dispatches its AVX2 kernels on AMD even when AVX-512 is
/// there. Loading the repository's one-function shim (build/native/mkl_amd_avx512.c) globally before libtorch makes
/// it use AVX-512 (measured 2.2× float32 matmul on this project's machine; see benchmarks/RESULTS.md). Unsupported
/// by Intel, so it applies only on AMD CPUs with AVX-512, and <c>MLTAB_MKL_AVX512=0</c> turns it off.
/// </summary>
public static class MklAvx512
{
    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;

    /// <summary>The environment variable that turns the shim off when set to 0.</summary>
    public const string SwitchVariable = "MLTAB_MKL_AVX512";

    /// <summary>The shim's file name, built into the output folder of applications that set MLTabMklShim.</summary>
    public const string ShimFileName = "libmltab_mkl_amd.so";

    /// <summary>Loads the shim if it applies. Call it first thing in <c>Main</c>, before anything touches TorchSharp.</summary>
    public static MklAvx512Status EnableOnAmd()
    {
        if (Environment.GetEnvironmentVariable(SwitchVariable) == "0") return MklAvx512Status.Disabled;
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return MklAvx512Status.NotApplicable;
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
        if (!cpu.Contains("AuthenticAMD", StringComparison.Ordinal) || !cpu.Contains(" avx512f", StringComparison.Ordinal))
            return MklAvx512Status.NotApplicable;
        if (File.ReadAllText("/proc/self/maps").Contains("libtorch_cpu.so", StringComparison.Ordinal)) return MklAvx512Status.TooLate;
        var shim = Path.Combine(AppContext.BaseDirectory, ShimFileName);
        if (!File.Exists(shim)) return MklAvx512Status.ShimMissing;
        if (dlopen(shim, RtldNow | RtldGlobal) == IntPtr.Zero)
            throw new InvalidOperationException($"Loading {shim} failed: {Marshal.PtrToStringAnsi(dlerror())}");
        return MklAvx512Status.Enabled;
    }

    [DllImport("libc.so.6")]
    private static extern IntPtr dlopen(string path, int flags);

    [DllImport("libc.so.6")]
    private static extern IntPtr dlerror();
}
