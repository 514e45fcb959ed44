using System.Diagnostics;

namespace MLTabularExtensions.Tests;

/// <summary>Runs a .NET application in a process of its own, as a user would, and fails the test if it fails.</summary>
internal static class DotnetProcess
{
    /// <summary>Runs <paramref name="application"/> with <paramref name="arguments"/>; returns its standard output.</summary>
    public static string Run(string application, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.That(File.Exists(application), Is.True, $"{application} is built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(application);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        // Both pipes drained at once, so a child filling one of them cannot block.
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{Path.GetFileName(application)} {string.Join(' ', arguments)}: {output}{error.Result}");
        return output;
    }
}
