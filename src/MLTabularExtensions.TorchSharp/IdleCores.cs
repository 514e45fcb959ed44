using System.Globalization;

namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// How many CPU cores other processes leave idle, for choosing a training's thread count on a shared machine: libtorch's
/// OpenMP threads wait for each other at every parallel step, so one thread descheduled by a busy neighbour stalls the
/// rest (measured: 2 threads on 2 cores beside one busy process ran 4.7× slower than alone; 1 thread, 2.1×).
/// </summary>
public static class IdleCores
{
    /// <summary>
    /// The cores that other processes leave free over <paramref name="sample"/> (idle time plus this process's own,
    /// from /proc/stat and /proc/self/stat on Linux), rounded, at least 1 and at most
    /// <see cref="Environment.ProcessorCount"/>; <see cref="Environment.ProcessorCount"/> where it cannot be measured.
    /// </summary>
    /// <param name="sample">How long to watch; 300 ms is enough to see a busy neighbour.</param>
    public static int Measure(TimeSpan sample)
    {
        var cores = Environment.ProcessorCount;
        if (!File.Exists("/proc/stat")) return cores;
        var (before, ownBefore) = (Read(), Own());
        Thread.Sleep(sample);
        var (after, ownAfter) = (Read(), Own());
        if (before is not { } start || after is not { } end || end.Total <= start.Total) return cores;
        // This process's own threads (the JIT, the GC) are not a neighbour.
        var idleShare = Math.Min(1, (double)(end.Idle - start.Idle + ownAfter - ownBefore) / (end.Total - start.Total));
        // The machine's cores, of which /proc/stat's first line sums the time; the process may be limited to fewer.
        var machine = Math.Max(cores, start.Cores);
        return Math.Clamp((int)Math.Round(idleShare * machine), 1, cores);
    }

    /// <summary>This process's user and system time in clock ticks (the unit of /proc/stat), from /proc/self/stat.</summary>
    private static long Own()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The first line of /proc/stat: jiffies in all (user, nice, system, idle, iowait, irq, softirq, steal — guest time
    /// is already inside user and nice; steal, another virtual machine's, counts as busy), idle (idle + iowait), and the
    /// number of cpuN lines.
    /// </summary>
    private static (long Total, long Idle, int Cores)? Read()
    {
        var lines = File.ReadAllLines("/proc/stat");
        var fields = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || fields[0] != "cpu") return null;
        var values = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (values.Sum(), values[3] + values[4], lines.Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsDigit(l[3])));
    }
}
