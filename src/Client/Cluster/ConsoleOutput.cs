using Spectre.Console;

namespace Sweep.Client.Cluster;

/// <summary>A Spectre console over a command's stdout writer (interactive only when it is the real terminal).</summary>
public static class ConsoleOutput
{
    public static IAnsiConsole For(TextWriter stdout)
    {
        var isTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        });
        if (!isTerminal) console.Profile.Width = 200; // logs and tests: no wrapping
        return console;
    }
}
