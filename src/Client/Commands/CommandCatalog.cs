using Sweep.Client.Cli;

namespace Sweep.Client.Commands;

/// <summary>Every verb of the console, in help order.</summary>
public static class CommandCatalog
{
    public static IReadOnlyList<ICommand> All(TextWriter stdout, TextWriter stderr) =>
    [
        new TrainCommand(stdout, stderr),
        new InspectCommand(stdout),
        new PretrainCommand(stdout, stderr),
        new AnalyzeCommand(stdout, stderr),
    ];
}
