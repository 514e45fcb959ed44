using System.CommandLine;
using System.CommandLine.Help;
using MLTabularExtensions.Data;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Cli;

/// <summary>
/// The <c>mltab</c> command line (System.CommandLine): its commands, and the exit codes it promises — 0 done, 1 a data
/// or model error (the message names file, line, column and value where there is one), 2 a command-line mistake
/// (printed with the command's usage), 130 interrupted (SIGINT/SIGTERM; nothing written).
/// </summary>
internal static class Mltab
{
    public const int Done = 0;
    public const int DataError = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;

    /// <summary>Parses and runs <paramref name="args"/>, writing results to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, ProcessTuningStatus tuning, CancellationToken cancel = default)
    {
        var root = Create(output, error, tuning);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // SIGINT/SIGTERM cancel the token; training stops before its next batch, well within this.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var problem in parse.Errors) error.WriteLine($"mltab: {problem.Message}");
            WriteUsage(root, parse, error);
            return UsageError;
        }
        return parse.InvokeAsync(configuration, cancel).GetAwaiter().GetResult();
    }

    /// <summary>What a command does once its line has parsed: returns the exit code.</summary>
    private delegate int Job(ParseResult parse, TextWriter output, CancellationToken cancel);

    private static RootCommand Create(TextWriter output, TextWriter error, ProcessTuningStatus tuning)
    {
        var root = new RootCommand("mltab: the fast.ai tabular recipe (and the pets vision lesson) with ML.NET and TorchSharp.");
        (Command Command, Job Run)[] jobs =
        [
            (RossmannJob.Create(), (parse, writer, cancel) => RossmannJob.Run(parse, writer, tuning, cancel)),
            (TrainJob.Create(), TrainJob.Run),
            (LearningRateJob.Create(), LearningRateJob.Run),
            (PredictJob.Create(), PredictJob.Run),
            (PreprocessJob.Create(), PreprocessJob.Run),
            (Pets.PetsJob.Create(), Pets.PetsJob.Run),
        ];
        foreach (var (command, run) in jobs)
        {
            command.SetAction((parse, cancel) => Task.FromResult(Guarded(command.Name, () => run(parse, output, cancel), error, root, parse)));
            root.Add(command);
        }
        return root;
    }

    /// <summary>Runs a command, turning its failures into a message and an exit code (a stack trace helps no user).</summary>
    private static int Guarded(string command, Func<int> run, TextWriter error, RootCommand root, ParseResult parse)
    {
        try
        {
            return run();
        }
        catch (UsageException e)
        {
            error.WriteLine($"mltab: {e.Message}");
            WriteUsage(root, parse, error);
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"mltab: {command} was interrupted and stopped; nothing was written (no model, no predictions).");
            return Interrupted;
        }
        catch (Exception e) when (e is CsvDataException or InvalidDataException or IOException or InvalidOperationException
            or ArgumentException or FormatException or UnauthorizedAccessException)
        {
            error.WriteLine($"mltab: {e.Message}");
            // For a bug report: MLTAB_TRACE=1 adds where it happened.
            if (Environment.GetEnvironmentVariable("MLTAB_TRACE") == "1") error.WriteLine(e);
            return DataError;
        }
    }

    /// <summary>The usage of the command the line was for (or of mltab itself), after a command-line mistake.</summary>
    private static void WriteUsage(RootCommand root, ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        string[] help = command == root ? ["--help"] : [command.Name, "--help"];
        root.Parse(help).Invoke(new InvocationConfiguration { Output = error, Error = error });
    }
}
