using System.Diagnostics;
using MLTabularExtensions.Cli;

namespace MLTabularExtensions.Tests.Cli;

/// <summary>SIGINT and SIGTERM during training: mltab says what it stopped, exits with 130 and writes nothing.</summary>
[Category(TestCategories.Slow)]
public sealed class InterruptTests
{
    [TestCase("INT")]
    [TestCase("TERM")]
    public void ASignalDuringTraining_StopsIt_SaysSo_AndWritesNothing(string signal)
    {
        // A shell starts a background job with SIGINT ignored, children inherit that, and .NET then leaves it ignored.
        if (signal == "INT" && InterruptIgnored())
            Assert.Ignore("This test process ignores SIGINT (started as a background job), so mltab inherits that and cannot be interrupted.");
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"interrupt-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(TestContext.CurrentContext.TestDirectory, "mltab.dll"), "rossmann", "--stores", "20", "--epochs", "50", "--out", folder })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new List<string>();
        // Signal once the first epoch is reported: training is under way.
        while (process.StandardOutput.ReadLine() is { } line)
        {
            output.Add(line);
            if (line.StartsWith("epoch 1:", StringComparison.Ordinal))
            {
                Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                break;
            }
        }
        output.AddRange(process.StandardOutput.ReadToEnd().Split('\n'));
        Assert.That(process.WaitForExit(60_000), Is.True, "stopped within a minute");

        Assert.That(process.ExitCode, Is.EqualTo(Mltab.Interrupted), string.Join('\n', output) + error.Result);
        Assert.That(error.Result, Does.Contain("rossmann was interrupted and stopped; nothing was written"));
        Assert.That(File.Exists(Path.Combine(folder, "model.zip")), Is.False);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Whether SIGINT (2) is in this process's ignored-signal mask (/proc/self/status, SigIgn, hexadecimal).</summary>
    private static bool InterruptIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0;
    }
}
