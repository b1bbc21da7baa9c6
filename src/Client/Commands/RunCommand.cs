using System.Diagnostics;
using Sweep.Client.Cli;
using Sweep.Client.Orleans;
using Sweep.Client.Progress;
using Sweep.Client.Results;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep run SPEC.yaml [--out DIR] [--cluster CONN]</c>: submits a sweep, shows live progress, writes the results.
/// Without <c>--cluster</c> an embedded silo runs in this process with local storage under <c>DIR/.sweep</c> (the default).
/// Ctrl-C cancels the sweep cleanly and writes what was kept.
/// </summary>
public sealed class RunCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    public string Name => "run";
    public string Usage => "run SPEC.yaml [--out DIR] [--cluster HOST:PORT[,HOST:PORT]] [--simulate]";
    public string Summary => "run a sweep and wait (embedded silo by default); live progress; results into DIR";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "simulate" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.PositionalAt(0, "SPEC.yaml");
        var cluster = args.Option("cluster");
        var simulate = args.Flag("simulate");
        var outOption = args.Option("out");
        args.EnsureAllUsed(1);
        if (simulate && cluster is not null) throw new UsageException("--simulate applies to the embedded silo only; a cluster's silos choose their executor");
        var spec = ClusterSpec.Load(path);
        var id = ExperimentIds.For(spec);
        var outDir = Path.GetFullPath(outOption ?? Path.Combine("runs", id));
        var console = ConsoleOutput.For(stdout);
        var clock = Stopwatch.StartNew();

        await using var connection = cluster is null
            ? await SweepConnection.StartEmbeddedAsync(Path.Combine(outDir, ".sweep"), simulate, spec.ThreadsPerTrial, ct)
            : await Connect.Cluster(cluster, ct);
        var grain = await ClusterSpec.SubmitAsync(connection.Client, path, spec);
        var trials = SpecExpander.Expand(spec).Count;
        stdout.WriteLine($"experiment {id}: {trials} trials, concurrency {spec.Concurrency}, {(cluster is null ? "embedded silo" : "cluster " + cluster)}");

        ExperimentStatus status;
        try
        {
            status = await new ExperimentWatcher(console, connection.Client, TimeSpan.FromSeconds(2)).WatchAsync(grain, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine("cancelling: stopping running trials…");
            status = await CancelAndWait(grain);
            var kept = await WriteResults(connection, grain, spec, outDir);
            stderr.WriteLine($"cancelled after {clock.Elapsed:hh\\:mm\\:ss}: kept {status.Count(TrialState.Completed)} completed trial result(s) in {kept};" +
                $" {status.Count(TrialState.Cancelled)} trial(s) cancelled" + (connection.LocalDataPath is { } d ? $"; checkpoints under {Path.Combine(d, "artifacts")}" : ""));
            return ExitCodes.Failure;
        }
        var written = await WriteResults(connection, grain, spec, outDir);
        var failed = status.Count(TrialState.Failed);
        stdout.WriteLine($"{status.State} in {clock.Elapsed:hh\\:mm\\:ss}: {status.Count(TrialState.Completed)} completed, {failed} failed, " +
            $"{status.Count(TrialState.Diverged)} diverged, {status.Count(TrialState.Cancelled)} cancelled; results in {written}");
        foreach (var t in status.Trials.Where(t => t.State == TrialState.Failed)) stderr.WriteLine($"  failed {t.Id}: {t.Error}");
        return failed == 0 && status.State == ExperimentState.Completed ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task<ExperimentStatus> CancelAndWait(IExperimentGrain grain)
    {
        var status = await grain.Cancel();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!status.IsFinished && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            status = await grain.GetStatus();
        }
        return status;
    }

    internal static async Task<string> WriteResults(SweepConnection connection, IExperimentGrain grain, SweepSpec spec, string outDir)
    {
        var results = await grain.GetResults();
        var analysis = await connection.Client.GetGrain<IAggregationGrain>(results.Id).GetAnalysisJson(spec.Analysis);
        return ResultsWriter.Write(outDir, results, analysis) is { Count: > 0 } notes ? $"{outDir} ({string.Join("; ", notes)})" : outDir;
    }
}
