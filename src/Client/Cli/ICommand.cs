namespace Sweep.Client.Cli;

/// <summary>One verb of the <c>sweep</c> console.</summary>
public interface ICommand
{
    string Name { get; }
    string Usage { get; }
    string Summary { get; }
    /// <summary>Option names that take no value.</summary>
    IReadOnlySet<string> Flags { get; }
    /// <summary>Runs the verb; returns the exit code (0 ok, 1 runtime failure, 2 bad input).</summary>
    Task<int> RunAsync(CommandArgs args, CancellationToken ct);
}
