using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Client.Progress;

namespace Sweep.Client.Commands;

/// <summary><c>sweep watch ID</c>: live progress until the experiment finishes.</summary>
public sealed class WatchCommand(TextWriter stdout) : ICommand
{
    public string Name => "watch";
    public string Usage => "watch ID [--cluster HOST:PORT]";
    public string Summary => "follow a running experiment with live progress";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var id = args.PositionalAt(0, "ID");
        var cluster = args.Option("cluster");
        args.EnsureAllUsed(1);
        await using var c = await Connect.Cluster(cluster, ct);
        var grain = await Existing.Experiment(c, id);
        var status = await new ExperimentWatcher(ConsoleOutput.For(stdout), c.Client, TimeSpan.FromSeconds(2)).WatchAsync(grain, ct);
        stdout.WriteLine($"{status.Id}: {status.State}");
        return ExitCodes.Ok;
    }
}
