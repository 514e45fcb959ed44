using Spectre.Console;

namespace MLTabularExtensions.Cli;

/// <summary>A Spectre.Console surface over a command's output writer, for its tables: plain text (no colours or escape codes) unless it is a terminal.</summary>
internal static class TableConsole
{
    public static IAnsiConsole For(TextWriter output)
    {
        var terminal = output == Console.Out && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // A log has no width to fit; Spectre's default of 80 columns would wrap the rows.
        if (!terminal) console.Profile.Width = 160;
        return console;
    }
}
