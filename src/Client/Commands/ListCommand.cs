using Sweep.Client.Cli;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary><c>sweep list</c>: every experiment submitted to the cluster.</summary>
public sealed class ListCommand(TextWriter stdout) : ICommand
{
    public string Name => "list";
    public string Usage => "list [--cluster HOST:PORT]";
    public string Summary => "list the experiments of a cluster";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var cluster = args.Option("cluster");
        args.EnsureAllUsed(0);
        await using var c = await Connect.Cluster(cluster, ct);
        foreach (var e in await c.Client.GetGrain<IExperimentRegistryGrain>(0).List())
        {
            var s = await c.Client.GetGrain<IExperimentGrain>(e.Id).GetStatus();
            stdout.WriteLine($"{e.Id}\t{e.SubmittedAt:u}\t{s.State}\t{s.Finished}/{s.Trials.Count}");
        }
        return ExitCodes.Ok;
    }
}
