using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

[NonParallelizable]
public sealed class IdleCoresTests
{
    [Test]
    public void ANeighbourSpinningOnEveryCore_LeavesOneThread_ButThisProcesssOwnWorkDoesNot()
    {
        var cores = Environment.ProcessorCount;
        Assume.That(File.Exists("/proc/stat"), "needs Linux's /proc/stat");
        var baseline = IdleCores.Measure(TimeSpan.FromMilliseconds(400));
        var own = Spin(cores, () => IdleCores.Measure(TimeSpan.FromMilliseconds(400)));
        var neighbours = Enumerable.Range(0, cores).Select(_ => System.Diagnostics.Process.Start("sh", ["-c", "while :; do :; done"])!).ToArray();
        try
        {
            Thread.Sleep(500);
            var busy = IdleCores.Measure(TimeSpan.FromMilliseconds(400));

            Assert.That(busy, Is.EqualTo(1), "other processes spinning on every core: one thread, the least there is");
        }
        finally
        {
            foreach (var neighbour in neighbours)
            {
                neighbour.Kill();
                neighbour.Dispose();
            }
        }
        // Measured against the machine as it was a moment before, so other load on a shared CI host does not decide it.
        Assert.That(own, Is.GreaterThanOrEqualTo(baseline), "this process's own spinning threads are not a neighbour");
    }

    private static int Spin(int threads, Func<int> measure)
    {
        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested) Thread.SpinWait(1000);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Thread.Sleep(100);
        var result = measure();
        stop.Cancel();
        Task.WaitAll(spinners);
        return result;
    }
}
