using System.Reflection;
using System.Runtime.InteropServices;
using MLTabularExtensions.Build;

namespace MLTabularExtensions.TorchSharp.Native;

/// <summary>What <see cref="TorchSharpNative.EnsureLoadable"/> found or did.</summary>
public enum TorchSharpNativeStatus
{
    /// <summary>Not Linux x64, or the system's libstdc++ has what libLibTorchSharp.so asks for: nothing to do.</summary>
    NotNeeded,
    /// <summary>libLibTorchSharp.so is already loaded in this process.</summary>
    AlreadyLoaded,
    /// <summary>The application's own folder holds a copy its build patched (the package's build targets).</summary>
    AppFolderPatched,
    /// <summary>libtorch was preloaded from the backend package and a patched copy of libLibTorchSharp.so loaded from the per-user cache.</summary>
    LoadedFromCache,
    /// <summary>No libLibTorchSharp.so was found next to TorchSharp.dll; TorchSharp's own loading (and error) applies.</summary>
    NotFound,
}

/// <summary>
/// Makes TorchSharp 0.107.0 loadable on Linux distributions whose libstdc++ lacks <c>GLIBCXX_3.4.32</c> (Debian 12,
/// Ubuntu 22.04), for hosts that load TorchSharp straight from the NuGet cache, where no build ran: notebook kernels
/// and scripts. Applications built with the package already carry a patched copy (buildTransitive targets); there,
/// and where libstdc++ has the version, this does nothing. See docs/NATIVE.md.
/// </summary>
/// <remarks>
/// It never writes to the NuGet cache: the copy lives in <c>$XDG_CACHE_HOME/mltab/torchsharp/…</c> (else
/// <c>~/.cache/…</c>), one folder per source file's content. libtorch is loaded by full path from the backend package
/// TorchSharp is built against (libtorch-cpu-linux-x64 of the version this assembly records), so another libtorch on
/// the library path cannot shadow it. The trainers call this before their first TorchSharp call; an application that
/// uses TorchSharp itself first calls it once at start-up.
/// </remarks>
public static class TorchSharpNative
{
    internal const string Library = "libLibTorchSharp.so";
    internal const string MissingVersion = "GLIBCXX_3.4.32";
    private const string Backend = "libtorch-cpu-linux-x64";
    private static readonly string[] LibTorch = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private static readonly Lock Gate = new();
    private static TorchSharpNativeStatus? _status;

    /// <summary>Prepares TorchSharp's native library once per process and says how; safe to call from any thread, any number of times.</summary>
    public static TorchSharpNativeStatus EnsureLoadable()
    {
        lock (Gate)
        {
            return _status ??= Prepare();
        }
    }

    private static TorchSharpNativeStatus Prepare()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64
            || GlibcxxVersionNeed.SystemLibstdcxxHas(MissingVersion, GlibcxxVersionNeed.DefaultLibstdcxxPaths))
            return TorchSharpNativeStatus.NotNeeded;
        if (IsLoaded(Library)) return TorchSharpNativeStatus.AlreadyLoaded;
        var appCopy = AppFolderCopy();
        if (appCopy is not null)
        {
            if (IsWeak(appCopy)) return TorchSharpNativeStatus.AppFolderPatched;
            throw new InvalidOperationException(
                $"{appCopy} needs {MissingVersion}, which this system's libstdc++ lacks, and the build did not patch it. " +
                "Build with the MLTabularExtensions.TorchSharp package's targets on (MLTabPatchTorchSharpNative=true, the default).");
        }
        var torchSharpDll = typeof(global::TorchSharp.torch).Assembly.Location;
        var packageRoot = string.IsNullOrEmpty(torchSharpDll) ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(torchSharpDll)!, "..", ".."));
        var source = packageRoot is null ? null : Path.Combine(packageRoot, "runtimes", "linux-x64", "native", Library);
        if (source is null || !File.Exists(source)) return TorchSharpNativeStatus.NotFound;

        PreloadLibTorch(packageRoot!);
        NativeLibrary.Load(PatchedCopy.For(source, CacheRoot()));
        return TorchSharpNativeStatus.LoadedFromCache;
    }

    /// <summary>The per-user cache folder: <c>$XDG_CACHE_HOME</c>, else <c>~/.cache</c>, then <c>mltab/torchsharp</c>.</summary>
    internal static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "mltab", "torchsharp");
    }

    /// <summary>The backend's native folder in the NuGet packages folder that holds TorchSharp, for the recorded libtorch version.</summary>
    internal static string BackendFolder(string torchSharpPackageRoot)
    {
        // <packages>/torchsharp/<version>/ → <packages>/libtorch-cpu-linux-x64/<libtorch version>/runtimes/linux-x64/native
        var packages = Path.GetFullPath(Path.Combine(torchSharpPackageRoot, "..", ".."));
        return Path.Combine(packages, Backend, ExpectedLibTorchVersion(), "runtimes", "linux-x64", "native");
    }

    /// <summary>The libtorch version TorchSharp was built against, recorded in this assembly at build time.</summary>
    internal static string ExpectedLibTorchVersion() =>
        typeof(TorchSharpNative).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LibTorchVersion").Value!;

    private static void PreloadLibTorch(string torchSharpPackageRoot)
    {
        if (IsLoaded("libtorch_cpu.so")) return;
        var folder = BackendFolder(torchSharpPackageRoot);
        if (!Directory.Exists(folder))
            throw new InvalidOperationException(
                $"TorchSharp needs its libtorch backend: {Backend} {ExpectedLibTorchVersion()} was not found at {folder}. " +
                $"Add the package (#r \"nuget: {Backend}, {ExpectedLibTorchVersion()}\" in a notebook, or TorchSharp-cpu).");
        foreach (var library in LibTorch) NativeLibrary.Load(Path.Combine(folder, library));
    }

    private static string? AppFolderCopy()
    {
        var folder = AppContext.BaseDirectory;
        return new[] { Path.Combine(folder, Library), Path.Combine(folder, "runtimes", "linux-x64", "native", Library) }
            .FirstOrDefault(File.Exists);
    }

    internal static bool IsWeak(string path) =>
        GlibcxxVersionNeed.Read(path).Where(need => need.Name == MissingVersion).All(need => (need.Flags & 2) != 0);

    private static bool IsLoaded(string fileName) =>
        File.ReadLines("/proc/self/maps").Any(line => line.EndsWith("/" + fileName, StringComparison.Ordinal));
}
