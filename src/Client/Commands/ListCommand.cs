using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary><c>sweep list</c>: every experiment submitted to the cluster.</summary>
public sealed class ListCommand(ConsoleStreams io) : AsyncCommand<ClusterSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterSettings settings, CancellationToken ct)
    {
        await using var c = await SweepConnection.ConnectAsync(settings.Cluster, settings.ConnectWithin(), ct, io.Err);
        foreach (var e in await c.Client.GetGrain<IExperimentRegistryGrain>(0).List())
        {
            var s = await c.Client.GetGrain<IExperimentGrain>(e.Id).GetStatus();
            io.Out.WriteLine($"{e.Id}\t{e.SubmittedAt:u}\t{s.State}\t{s.Finished}/{s.Total}");
        }
        return ExitCodes.Ok;
    }
}
