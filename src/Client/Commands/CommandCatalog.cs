using Sweep.Client.Cli;

namespace Sweep.Client.Commands;

/// <summary>Every verb of the console, in help order.</summary>
public static class CommandCatalog
{
    public static IReadOnlyList<ICommand> All(TextWriter stdout, TextWriter stderr) =>
    [
        new RunCommand(stdout, stderr),
        new SubmitCommand(stdout),
        new WatchCommand(stdout),
        new StatusCommand(stdout),
        new ResultsCommand(stdout),
        new CancelCommand(stdout),
        new ListCommand(stdout),
        new ValidateCommand(stdout, stderr),
        new TrainCommand(stdout, stderr),
        new InspectCommand(stdout),
        new PretrainCommand(stdout, stderr),
        new AnalyzeCommand(stdout, stderr),
    ];
}
