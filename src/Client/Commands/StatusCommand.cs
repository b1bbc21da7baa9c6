using System.Text.Json;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Client.Progress;
using Sweep.Client.Results;

namespace Sweep.Client.Commands;

/// <summary><c>sweep status ID [--json]</c>: one row per trial.</summary>
public sealed class StatusCommand(TextWriter stdout) : ICommand
{
    public string Name => "status";
    public string Usage => "status ID [--cluster HOST:PORT] [--json]";
    public string Summary => "show an experiment's trials and their states";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "json" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var id = args.PositionalAt(0, "ID");
        var cluster = args.Option("cluster");
        var json = args.Flag("json");
        args.EnsureAllUsed(1);
        await using var c = await Connect.Cluster(cluster, ct);
        var status = await (await Existing.Experiment(c, id)).GetStatus();
        if (json) stdout.WriteLine(JsonSerializer.Serialize(status, ResultsJson.Options));
        else StatusTable.Write(ConsoleOutput.For(stdout), status);
        return ExitCodes.Ok;
    }
}
