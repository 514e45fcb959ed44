using MLTabularExtensions.TorchSharp.Training;

namespace MLTabularExtensions.Tests.TorchSharp;

public class NativeHeapTests
{
    private const long MB = 1L << 20;

    [Test]
    public void Trim_IsCalledFor_OnlyGrowthBeyondTheBudget()
    {
        const long afterTrim = 600 * MB;
        Assert.That(NativeHeap.Grown(afterTrim + NativeHeap.GrowthBudget, afterTrim), Is.False);
        Assert.That(NativeHeap.Grown(afterTrim + NativeHeap.GrowthBudget + 1, afterTrim), Is.True);
        Assert.That(NativeHeap.Grown(afterTrim - 100 * MB, afterTrim), Is.False, "a process that shrank needs no trim");
    }

    [Test]
    public void ResidentBytes_CountsTouchedPages()
    {
        Assume.That(OperatingSystem.IsLinux(), "/proc/self/statm");
        var before = NativeHeap.ResidentBytes();
        var block = new byte[64 * MB];
        for (var i = 0; i < block.Length; i += 4096) block[i] = 1;
        Assert.That(NativeHeap.ResidentBytes() - before, Is.GreaterThan(60 * MB));
        GC.KeepAlive(block);
    }
}
