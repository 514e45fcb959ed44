namespace MLTabularExtensions.Benchmarks;

/// <summary>The process's peak resident set size, from /proc/self/status (VmHWM).</summary>
internal static class PeakRss
{
    public static double Megabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
