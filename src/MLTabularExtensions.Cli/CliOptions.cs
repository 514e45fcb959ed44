using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MLTabularExtensions.Cli;

/// <summary>The kinds of option the commands share, typed and checked while the command line is parsed.</summary>
internal static class CliOptions
{
    public static Option<int> PositiveInt(string name, int fallback, string description) =>
        Checked(new Option<int>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = "N" },
            value => value > 0, "a positive whole number");

    /// <summary>A whole number &gt; 0 whose default depends on other options (null when not given).</summary>
    public static Option<int?> OptionalPositiveInt(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (Value<int?>(result) is <= 0 and var value)
                result.AddError($"{name} must be a positive whole number, not {value}.");
        });
        return option;
    }

    /// <summary>
    /// <c>--threads N</c>; without it, the cores other processes leave idle when the command starts (a busy neighbour's
    /// core would stall every parallel step of the training).
    /// </summary>
    public static Option<int?> Threads() => OptionalPositiveInt("--threads",
        "libtorch intra-op threads (default: the cores idle when the command starts).");

    /// <summary>The thread count the user gave, or the cores idle now.</summary>
    public static int ThreadsOrIdleCores(ParseResult line, Option<int?> option) =>
        line.GetValue(option) ?? MLTabularExtensions.TorchSharp.IdleCores.Measure(TimeSpan.FromMilliseconds(300));

    /// <summary>A number &gt; 0 (a learning rate, a zoom).</summary>
    public static Option<double> PositiveNumber(string name, double fallback, string description) =>
        Checked(new Option<double>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = "X", CustomParser = Number(name) },
            value => value > 0 && double.IsFinite(value), "a positive number");

    /// <summary>A number ≥ 0 (a weight decay or dropout: 0 turns it off).</summary>
    public static Option<double> NonNegativeNumber(string name, double fallback, string description) =>
        Checked(new Option<double>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = "X", CustomParser = Number(name) },
            value => value >= 0 && double.IsFinite(value), "a number ≥ 0");

    /// <summary>
    /// Reads an option's numbers as scripts write them (0.01, 1e-3) whatever the user's culture: System.CommandLine
    /// converts with the thread's culture, where de-DE reads "--lr 0.01" as 1, taking the point for a thousands separator.
    /// </summary>
    public static Func<ArgumentResult, double> Number(string name) => result => Numbers(name)(result) is [var value] ? value : 0;

    /// <inheritdoc cref="Number"/>
    public static Func<ArgumentResult, double[]> Numbers(string name) => result =>
    [
        .. result.Tokens.Select(token =>
        {
            if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
            result.AddError($"{name} takes numbers written as 0.01 or 1e-3, not '{token.Value}'.");
            return 0;
        }),
    ];

    /// <summary>Several whole numbers &gt; 0 (layer sizes): <c>--layers 200 100</c>.</summary>
    public static Option<int[]> PositiveInts(string name, int[] fallback, string description) =>
        CheckedList(name, fallback, description, "N1 N2 …", value => value > 0, "positive whole numbers");

    /// <summary>Several numbers ≥ 0 (a dropout per layer): <c>--ps 0.001 0.01</c>.</summary>
    public static Option<double[]> NonNegativeNumbers(string name, double[] fallback, string description) =>
        CheckedList(name, fallback, description, "X1 X2 …", value => value >= 0 && double.IsFinite(value), "numbers ≥ 0");

    private static Option<T[]> CheckedList<T>(string name, T[] fallback, string description, string helpName, Func<T, bool> valid, string expected)
    {
        var option = new Option<T[]>(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            AllowMultipleArgumentsPerToken = true,
            HelpName = helpName,
        };
        if (option is Option<double[]> numbers) numbers.CustomParser = Numbers(name);
        option.Validators.Add(result =>
        {
            var bad = (Value<T[]>(result) ?? []).Where(v => !valid(v)).ToArray();
            if (bad.Length > 0) result.AddError($"{name} takes {expected}, not {Convert.ToString(bad[0], CultureInfo.InvariantCulture)}.");
        });
        return option;
    }

    /// <summary>Several column names: <c>--cat Store DayOfWeek</c>.</summary>
    public static Option<string[]> Names(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => [],
        AllowMultipleArgumentsPerToken = true,
        HelpName = "COL …",
    };

    public static Option<string> Text(string name, string description, string helpName, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>A file that must exist when the command runs.</summary>
    public static Option<FileInfo> ExistingFile(string name, string description, string helpName) =>
        new Option<FileInfo>(name) { Description = description, HelpName = helpName, Required = true }.AcceptExistingOnly();

    /// <summary>An optional folder that must exist when given.</summary>
    public static Option<DirectoryInfo> ExistingFolder(string name, string description) =>
        new Option<DirectoryInfo>(name) { Description = description, HelpName = "DIR" }.AcceptExistingOnly();

    /// <summary>The folder a command writes to (made when missing); refused while parsing when it is a file, before any training.</summary>
    public static Option<string> OutFolder(string fallback)
    {
        var option = new Option<string>("--out") { Description = "Folder for what the command writes.", DefaultValueFactory = _ => fallback, HelpName = "DIR" };
        option.Validators.Add(result =>
        {
            if (Value<string>(result) is { } path && File.Exists(path))
                result.AddError($"--out names a folder to write into, but '{path}' is a file.");
        });
        return option;
    }

    /// <summary>A file a command writes; refused while parsing when its folder does not exist or it is a folder.</summary>
    public static Option<string> OutFile(string description)
    {
        var option = new Option<string>("--out") { Description = description, HelpName = "FILE" };
        option.Validators.Add(result =>
        {
            if (Value<string>(result) is not { } path) return;
            if (Directory.Exists(path)) result.AddError($"--out names a file to write, but '{path}' is a folder.");
            else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
                result.AddError($"--out: the folder '{folder}' does not exist.");
        });
        return option;
    }

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    private static Option<T> Checked<T>(Option<T> option, Func<T, bool> valid, string expected)
    {
        option.Validators.Add(result =>
        {
            if (TryValue<T>(result, out var value) && value is not null && !valid(value))
                result.AddError($"{option.Name} must be {expected}, not {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
        });
        return option;
    }

    /// <summary>The option's value, or default when its text did not convert (the parser reports that error itself).</summary>
    private static T? Value<T>(System.CommandLine.Parsing.OptionResult result) => TryValue<T>(result, out var value) ? value : default;

    private static bool TryValue<T>(System.CommandLine.Parsing.OptionResult result, out T? value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }
}
