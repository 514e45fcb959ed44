using MLTabularExtensions.Build;
using MLTabularExtensions.TorchSharp.Native;

namespace MLTabularExtensions.Tests.Build;

/// <summary>The ELF edit the build applies to libLibTorchSharp.so (build/NativeCompat.targets), and its run-time use (TorchSharpNative).</summary>
public sealed class NativeCompatTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static string OutputCopy() =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Test]
    public void Weaken_SetsOnlyTheNamedRequirementWeak_AndIsIdempotent()
    {
        var original = PackageCopy();
        var copy = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}.so");
        File.Copy(original, copy);
        try
        {
            var before = GlibcxxVersionNeed.Read(copy);
            Assert.That(before.Single(n => n.Name == Version).Flags & 2, Is.Zero, "the package's library is unpatched");

            Assert.That(GlibcxxVersionNeed.Weaken(copy, Version), Is.EqualTo(WeakenResult.Weakened));
            Assert.That(GlibcxxVersionNeed.Weaken(copy, Version), Is.EqualTo(WeakenResult.AlreadyWeak));

            var after = GlibcxxVersionNeed.Read(copy);
            Assert.That(after.Select(n => n.Name), Is.EqualTo(before.Select(n => n.Name)));
            Assert.That(after.Single(n => n.Name == Version).Flags & 2, Is.EqualTo(2));
            Assert.That(after.Where(n => n.Name != Version), Is.EqualTo(before.Where(n => n.Name != Version)));
            var changed = File.ReadAllBytes(original).Zip(File.ReadAllBytes(copy)).Count(pair => pair.First != pair.Second);
            Assert.That(changed, Is.EqualTo(1), "one flag byte changes");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Test]
    public void Weaken_IgnoresFilesThatAreNotElf()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "not a library");
        try
        {
            Assert.That(GlibcxxVersionNeed.Weaken(path, Version), Is.EqualTo(WeakenResult.NotNeeded));
            Assert.That(File.ReadAllText(path), Is.EqualTo("not a library"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void BuildOutput_CarriesAWeakRequirement_WhereTheSystemLacksTheVersion()
    {
        if (GlibcxxVersionNeed.SystemLibstdcxxHas(Version, GlibcxxVersionNeed.DefaultLibstdcxxPaths))
            Assert.Ignore($"This system's libstdc++ provides {Version}: the build leaves the library as shipped.");

        var flags = GlibcxxVersionNeed.Read(OutputCopy()).Single(n => n.Name == Version).Flags;

        Assert.That(flags & 2, Is.EqualTo(2));
    }

    [Test]
    public void PatchedCopy_IsWeakInTheCacheFolder_LeavesTheSourceAlone_AndIsReused()
    {
        var source = PackageCopy();
        var cache = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"cache-{Guid.NewGuid():N}");
        try
        {
            var copy = PatchedCopy.For(source, cache);
            var written = File.GetLastWriteTimeUtc(copy);

            Assert.That(copy, Does.StartWith(cache + Path.DirectorySeparatorChar));
            Assert.That(Path.GetFileName(copy), Is.EqualTo("libLibTorchSharp.so"));
            Assert.That(TorchSharpNative.IsWeak(copy), Is.True);
            Assert.That(TorchSharpNative.IsWeak(source), Is.False, "the NuGet cache's copy is never edited");
            Assert.That(PatchedCopy.For(source, cache), Is.EqualTo(copy));
            Assert.That(File.GetLastWriteTimeUtc(copy), Is.EqualTo(written), "a second call reuses the copy");
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(copy)!), Has.Length.EqualTo(1), "no temporary file is left");
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    [Test]
    public void CacheRoot_FollowsXdgCacheHome_ElseTheHomeCache()
    {
        var saved = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/somewhere/cache");
            Assert.That(TorchSharpNative.CacheRoot(), Is.EqualTo("/somewhere/cache/mltab/torchsharp"));
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.That(TorchSharpNative.CacheRoot(), Is.EqualTo(Path.Combine(home, ".cache", "mltab", "torchsharp")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", saved);
        }
    }

    [Test]
    public void BackendFolder_IsTheLibTorchVersionTorchSharpWasBuiltAgainst_NotTheHighestInstalled()
    {
        var packages = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"packages-{Guid.NewGuid():N}");
        var torchSharp = Path.Combine(packages, "torchsharp", "0.107.0");

        var folder = TorchSharpNative.BackendFolder(torchSharp);

        Assert.That(TorchSharpNative.ExpectedLibTorchVersion(), Is.EqualTo("2.10.0"));
        Assert.That(folder, Is.EqualTo(Path.Combine(packages, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native")));
    }

    [Test]
    public void EnsureLoadable_InABuiltApp_UsesThePatchedCopyBesideIt()
    {
        var status = TorchSharpNative.EnsureLoadable();

        var expected = GlibcxxVersionNeed.SystemLibstdcxxHas(Version, GlibcxxVersionNeed.DefaultLibstdcxxPaths)
            ? new[] { TorchSharpNativeStatus.NotNeeded }
            : [TorchSharpNativeStatus.AppFolderPatched, TorchSharpNativeStatus.AlreadyLoaded];
        Assert.That(expected, Does.Contain(status));
        Assert.That(TorchSharpNative.EnsureLoadable(), Is.EqualTo(status), "decided once per process");
    }

    private static string PackageCopy()
    {
        // The NuGet cache keeps the library as shipped; the build patches only output copies.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(path)) Assert.Inconclusive($"TorchSharp's package copy was not found at {path}.");
        return path;
    }
}
