using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary><c>sweep cancel ID</c>: stops running trials and marks the rest; finished results are kept.</summary>
public sealed class CancelCommand(ConsoleStreams io) : ExperimentCommand<ExperimentSettings>(io)
{
    protected override async Task<int> ExecuteAsync(SweepConnection connection, IExperimentGrain grain, ExperimentSettings settings, CancellationToken ct)
    {
        var status = await grain.Cancel();
        Io.Out.WriteLine($"{settings.Id}: cancelling; {status.Count(TrialState.Completed)} completed result(s) kept");
        return ExitCodes.Ok;
    }
}
