using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary><c>sweep watch ID</c>: live progress until the experiment finishes.</summary>
public sealed class WatchCommand(ConsoleStreams io) : ExperimentCommand<ExperimentSettings>(io)
{
    protected override async Task<int> ExecuteAsync(SweepConnection connection, IExperimentGrain grain, ExperimentSettings settings, CancellationToken ct)
    {
        var status = await new ExperimentWatcher(ConsoleOutput.For(Io.Out), connection.Client, TimeSpan.FromSeconds(2)).WatchAsync(grain, ct);
        Io.Out.WriteLine($"{status.Id}: {status.State}");
        return ExitCodes.Ok;
    }
}
