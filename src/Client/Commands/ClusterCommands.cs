using System.Text.Json;
using Sweep.Client.Cli;
using Sweep.Client.Orleans;
using Sweep.Client.Progress;
using Sweep.Client.Results;
using Sweep.Grains.Interfaces;

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
        var status = await new ExperimentWatcher(ConsoleOutput.For(stdout), TimeSpan.FromMilliseconds(500)).WatchAsync(grain, ct);
        stdout.WriteLine($"{status.Id}: {status.State}");
        return ExitCodes.Ok;
    }
}

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

/// <summary><c>sweep results ID [--out DIR]</c>: writes results.json, trials.csv, summary.md, figures/.</summary>
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
        var results = await grain.GetResults();
        var analysis = await c.Client.GetGrain<IAggregationGrain>(id).GetAnalysisJson(results.Spec!.Analysis);
        var notes = ResultsWriter.Write(outDir, results, analysis);
        stdout.WriteLine($"{id}: {results.State}, {results.Trials.Count} result(s) written to {outDir}");
        foreach (var n in notes) stdout.WriteLine($"  note: {n}");
        return ExitCodes.Ok;
    }
}

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
        stdout.WriteLine($"{id}: cancelling; {status.Count(TrialStatus.Completed)} completed result(s) kept");
        return ExitCodes.Ok;
    }
}

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

/// <summary>Looks up an experiment that must exist (an unknown id is bad input).</summary>
internal static class Existing
{
    public static async Task<IExperimentGrain> Experiment(SweepConnection c, string id)
    {
        var grain = c.Client.GetGrain<IExperimentGrain>(id);
        var status = await grain.GetStatus();
        if (status.State == ExperimentState.NotSubmitted) throw new UsageException($"no experiment '{id}' on this cluster (see 'sweep list')");
        return grain;
    }
}
