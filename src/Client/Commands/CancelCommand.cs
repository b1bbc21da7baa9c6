using Sweep.Client.Cli;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary><c>sweep cancel ID</c>: stops running trials and marks the rest; finished results are kept.</summary>
public sealed class CancelCommand(TextWriter stdout) : ICommand
{
    public string Name => "cancel";
    public string Usage => "cancel ID [--cluster HOST:PORT]";
    public string Summary => "cancel an experiment (finished results are kept)";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var id = args.PositionalAt(0, "ID");
        var cluster = args.Option("cluster");
        args.EnsureAllUsed(1);
        await using var c = await Connect.Cluster(cluster, ct);
        var status = await (await Existing.Experiment(c, id)).Cancel();
        stdout.WriteLine($"{id}: cancelling; {status.Count(TrialState.Completed)} completed result(s) kept");
        return ExitCodes.Ok;
    }
}
