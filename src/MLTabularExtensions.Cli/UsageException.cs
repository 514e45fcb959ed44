namespace MLTabularExtensions.Cli;

/// <summary>A command line whose options parse one by one but do not fit together (exit code 2, like a parse error).</summary>
internal sealed class UsageException(string message) : Exception(message);
