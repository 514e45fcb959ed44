using System.Globalization;

namespace MLTabularExtensions.Cli;

/// <summary>The command and its <c>--name value</c> options; <c>--cat a b c</c> takes several values.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(string[] args)
    {
        var line = new CommandLine(args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "rossmann");
        List<string>? current = null;
        foreach (var arg in args.SkipWhile(a => a == line.Command).Take(args.Length))
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                current = [];
                line._options[arg[2..]] = current;
            }
            else if (current is null)
            {
                throw new ArgumentException($"Unexpected argument '{arg}': options are written --name value.");
            }
            else
            {
                current.Add(arg);
            }
        }
        return line;
    }

    public string? Text(string name) => _options.TryGetValue(name, out var values)
        ? values.Count == 1 ? values[0] : throw new ArgumentException($"--{name} takes one value.")
        : null;

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required for '{Command}'.");

    public IReadOnlyList<string> List(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public int Int(string name, int fallback) => Text(name) is { } text ? PositiveInt(name, text) : fallback;

    /// <summary>A number &gt; 0 (a learning rate).</summary>
    public double Double(string name, double fallback) => Text(name) is { } text
        ? Number(name, text) is > 0 and var value ? value : throw new ArgumentException($"--{name} must be a positive number, not '{text}'.")
        : fallback;

    /// <summary>A number ≥ 0 (a weight decay or dropout: 0 turns it off).</summary>
    public double NonNegative(string name, double fallback) => Text(name) is { } text ? NonNegativeNumber(name, text) : fallback;

    /// <summary>Several numbers ≥ 0 (a dropout per layer).</summary>
    public IReadOnlyList<double> NonNegatives(string name, IReadOnlyList<double> fallback) =>
        List(name) is { Count: > 0 } texts ? [.. texts.Select(t => NonNegativeNumber(name, t))] : fallback;

    /// <summary>Several whole numbers &gt; 0 (layer sizes).</summary>
    public IReadOnlyList<int> PositiveInts(string name, IReadOnlyList<int> fallback) =>
        List(name) is { Count: > 0 } texts ? [.. texts.Select(t => PositiveInt(name, t))] : fallback;

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.");

    private static double NonNegativeNumber(string name, string text) =>
        Number(name, text) is >= 0 and var value ? value : throw new ArgumentException($"--{name} must be a number ≥ 0, not '{text}'.");

    private static double Number(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"--{name} must be a number, not '{text}'.");

    public bool Flag(string name) => _options.ContainsKey(name);

    /// <summary>Fails on options the command does not know, so a typo never goes unnoticed.</summary>
    public void Allow(params string[] names)
    {
        var unknown = _options.Keys.FirstOrDefault(k => !names.Contains(k));
        if (unknown is not null)
            throw new ArgumentException($"'{Command}' has no option --{unknown}; it takes {string.Join(", ", names.Select(n => "--" + n))}.");
    }
}
