namespace MLTabularExtensions.Benchmarks;

/// <summary>The process's peak resident set size, from /proc/self/status (VmHWM).</summary>
internal static class PeakRss
{
    /// <summary>Collects everything collectable, returns it to the OS, and restarts the peak counter from the current RSS.</summary>
    public static void ResetAfterCollecting()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    public static double Megabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
