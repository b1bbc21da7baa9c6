using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary>
/// A verb on one existing experiment: connects to <c>--cluster</c> (unreachable: exit 1), looks the id up
/// (unknown: exit 2), then runs the verb's own part.
/// </summary>
public abstract class ExperimentCommand<TSettings>(ConsoleStreams io) : AsyncCommand<TSettings> where TSettings : ExperimentSettings
{
    /// <summary>Where the verb writes.</summary>
    protected ConsoleStreams Io { get; } = io;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken ct)
    {
        await using var connection = await SweepConnection.ConnectAsync(settings.Cluster, settings.ConnectWithin(), ct, Io.Err);
        var grain = await Existing.Experiment(connection, settings.Id);
        return await ExecuteAsync(connection, grain, settings, ct);
    }

    protected abstract Task<int> ExecuteAsync(SweepConnection connection, IExperimentGrain grain, TSettings settings, CancellationToken ct);
}
