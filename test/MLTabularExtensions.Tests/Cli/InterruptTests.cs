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
}
