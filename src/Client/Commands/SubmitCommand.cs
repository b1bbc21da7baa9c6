using Sweep.Client.Cli;
using Sweep.Client.Cluster;

namespace Sweep.Client.Commands;

/// <summary><c>sweep submit SPEC.yaml [--cluster CONN]</c>: submits and prints the experiment id (idempotent: the same spec gives the same id).</summary>
public sealed class SubmitCommand(TextWriter stdout) : ICommand
{
    public string Name => "submit";
    public string Usage => "submit SPEC.yaml [--cluster HOST:PORT]";
    public string Summary => "submit a sweep to a running cluster and print its id";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.PositionalAt(0, "SPEC.yaml");
        var cluster = args.Option("cluster");
        args.EnsureAllUsed(1);
        var spec = ClusterSpec.Load(path);
        await using var c = await Connect.Cluster(cluster, ct);
        var grain = await ClusterSpec.SubmitAsync(c.Client, path, spec);
        stdout.WriteLine(grain.GetPrimaryKeyString());
        return ExitCodes.Ok;
    }
}
