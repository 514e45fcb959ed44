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
        Assert.That(own, Is.GreaterThan(1), "this process's own spinning threads are not a neighbour (on a machine otherwise quiet enough)");
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
