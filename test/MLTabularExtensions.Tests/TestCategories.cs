namespace MLTabularExtensions.Tests;

/// <summary>Test categories: <c>build/test.sh --fast</c> leaves out <see cref="Slow"/>; CI runs everything.</summary>
internal static class TestCategories
{
    /// <summary>Real data, end-to-end jobs, training CNNs, child processes: tens of seconds each.</summary>
    public const string Slow = "Slow";
}
