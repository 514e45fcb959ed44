using MLTabularExtensions.Build;

namespace MLTabularExtensions.Tests.Build;

/// <summary>The ELF edit the build applies to libLibTorchSharp.so (see build/NativeCompat.targets).</summary>
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
