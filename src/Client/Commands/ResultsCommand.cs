using Sweep.Client.Cli;
using Sweep.Client.Results;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary><c>sweep results ID [--out DIR]</c>: writes results.json, trials.csv, summary.md, significance.csv, figures/.</summary>
public sealed class ResultsCommand(TextWriter stdout) : ICommand
{
    public string Name => "results";
    public string Usage => "results ID [--cluster HOST:PORT] [--out DIR]";
    public string Summary => "write an experiment's results (results.json, trials.csv, summary.md, figures/)";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var id = args.PositionalAt(0, "ID");
        var cluster = args.Option("cluster");
        var outDir = Path.GetFullPath(args.Option("out") ?? Path.Combine("runs", id));
        args.EnsureAllUsed(1);
        await using var c = await Connect.Cluster(cluster, ct);
        var grain = await Existing.Experiment(c, id);
        var (results, notes) = await ResultsExport.WriteAsync(c.Client, grain, outDir);
        stdout.WriteLine($"{id}: {results.State}, {results.Trials.Count} result(s) written to {outDir}");
        foreach (var n in notes) stdout.WriteLine($"  note: {n}");
        return ExitCodes.Ok;
    }
}
