using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Client.Progress;
using Sweep.Client.Adapters;
using Sweep.ResultFiles;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep run SPEC.yaml [--out DIR] [--cluster CONN]</c>: submits a sweep, shows live progress, writes the results.
/// Without <c>--cluster</c> an embedded silo runs in this process with local storage under <c>DIR/.sweep</c> (the default).
/// Ctrl-C cancels the sweep cleanly and writes what was kept.
/// </summary>
public sealed class RunCommand(ConsoleStreams io) : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("sweep spec (YAML)")]
        public string Spec { get; set; } = "";

        [CommandOption("--out <DIR>")]
        [Description("directory for the results (default: runs/ID); the embedded silo keeps its state under DIR/.sweep")]
        public string? Out { get; set; }

        [CommandOption("--adapters <DIR>")]
        [Description("also write each completed trial's adapter in PEFT format, one folder per trial (TASK_PRESET_rRANK_sSEED)")]
        public string? Adapters { get; set; }

        [CommandOption("--cluster <HOST:PORT>")]
        [Description("gateway(s) of a running cluster, comma-separated, or \"azure\" (default: an embedded silo in this process)")]
        public string? Cluster { get; set; }

        [CommandOption("--connect-timeout <SECONDS>")]
        [Description("with --cluster: give up connecting after this long (default: $SWEEP_CONNECT_TIMEOUT, else 15)")]
        public double? ConnectTimeout { get; set; }

        [CommandOption("--simulate")]
        [Description("the embedded silo simulates trials instead of training (for trying a spec out)")]
        public bool Simulate { get; set; }

        [CommandOption("--in-process")]
        [Description("the embedded silo trains every trial inside this process instead of a child process per trial (then a trial's peak memory is the whole process's, and a crash ends the sweep)")]
        public bool InProcess { get; set; }

        [CommandOption("--metrics-port <PORT>")]
        [Description("the embedded silo serves /metrics (Prometheus), /healthz and /readyz on this port, on every address (default: none)")]
        public int? MetricsPort { get; set; }

        [CommandOption("--max-trials <N>")]
        [Description("refuse a sweep of more trials than this (default 100,000; at most 1,000,000)")]
        public long? MaxTrials { get; set; }

        [CommandOption("--dashboard")]
        [Description("host the web dashboard in this process while the sweep runs, and print its URL")]
        public bool Dashboard { get; set; }

        [CommandOption("--dashboard-port <N>")]
        [Description("with --dashboard: its HTTP port on loopback (default 5080; 0 picks a free one)")]
        public int? DashboardPort { get; set; }

        public override ValidationResult Validate()
        {
            if (DashboardPort is not null && !Dashboard) return ValidationResult.Error("--dashboard-port applies with --dashboard only");
            if (DashboardPort is < 0 or > 65535) return ValidationResult.Error($"--dashboard-port: must be 0–65535 (got {DashboardPort})");
            if (Simulate && Cluster is not null)
                return ValidationResult.Error("--simulate applies to the embedded silo only; a cluster's silos choose their executor");
            if (InProcess && Cluster is not null)
                return ValidationResult.Error("--in-process applies to the embedded silo only; a cluster's silos choose it with Sweep:TrialProcesses");
            if (MetricsPort is not null && Cluster is not null)
                return ValidationResult.Error("--metrics-port applies to the embedded silo only; a cluster's silos serve /metrics on their Sweep:HttpPort");
            if (MetricsPort is < 1 or > 65535)
                return ValidationResult.Error($"--metrics-port: {MetricsPort} is not a port (1-65535)");
            return Cluster is null ? ValidationResult.Success() : SettingsCheck.Of(() =>
            {
                SweepConnection.CheckCluster(Cluster);
                Sweep.Client.Cluster.ConnectTimeout.Resolve(ConnectTimeout);
            });
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var (stdout, stderr) = (io.Out, io.Err);
        var (path, cluster, simulate) = (settings.Spec, settings.Cluster, settings.Simulate);
        var spec = ClusterSpec.Load(path);
        var trials = SweepSizeCheck.Apply(path, spec, settings.MaxTrials, stderr, simulate);
        var id = ExperimentIds.For(spec);
        var outDir = Path.GetFullPath(settings.Out ?? Path.Combine("runs", id));
        OutputFiles.EnsureDirectoryUsable(settings.Out ?? outDir, "--out");
        if (settings.Adapters is not null) OutputFiles.EnsureDirectoryUsable(settings.Adapters, "--adapters");
        var console = ConsoleOutput.For(stdout);
        var clock = Stopwatch.StartNew();

        await using var connection = cluster is null
            ? await SweepConnection.StartEmbeddedAsync(Path.Combine(outDir, ".sweep"), simulate, spec.ThreadsPerTrial, ct, settings.MetricsPort ?? 0, !settings.InProcess)
            : await SweepConnection.ConnectAsync(cluster, Sweep.Client.Cluster.ConnectTimeout.Resolve(settings.ConnectTimeout), ct, stderr);
        if (settings.MetricsPort is { } port && cluster is null) stdout.WriteLine($"metrics: http://localhost:{port}/metrics");
        var dashboard = settings.Dashboard ? await ConsoleDashboard.StartAsync(connection, settings.DashboardPort ?? 5080, stdout, ct) : null;
        try
        {
            return await RunAsync(connection, path, spec, id, trials, outDir, settings.Adapters, cluster, console, stdout, stderr, clock, ct);
        }
        finally
        {
            await ConsoleDashboard.StopAsync(dashboard); // before the connection: its event streams end first
        }
    }

    private static async Task<int> RunAsync(SweepConnection connection, string path, SweepSpec spec, string id, long trials, string outDir,
        string? adapters, string? cluster, IAnsiConsole console, TextWriter stdout, TextWriter stderr, Stopwatch clock, CancellationToken ct)
    {
        var grain = await ClusterSpec.SubmitAsync(connection.Client, path, spec);
        var count = spec.SeedPlan is null ? $"{trials} trials" : $"up to {trials} trials (seeds on demand, first look {SweepSize.FirstLook(spec)})";
        stdout.WriteLine($"experiment {id}: {count}, concurrency {spec.Concurrency}, {(cluster is null ? "embedded silo" : "cluster " + cluster)}");

        ExperimentStatus status;
        try
        {
            status = await new ExperimentWatcher(console, connection.Client, TimeSpan.FromSeconds(2)).WatchAsync(grain, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine("cancelling: stopping running trials…");
            status = await CancelAndWait(grain);
            var kept = await WriteResults(connection, grain, outDir);
            stderr.WriteLine($"cancelled after {clock.Elapsed:hh\\:mm\\:ss}: kept {status.Count(TrialState.Completed)} completed trial result(s) in {kept};" +
                $" {status.Count(TrialState.Cancelled)} trial(s) cancelled" + (connection.LocalDataPath is { } d ? $"; checkpoints under {Path.Combine(d, "artifacts")}" : ""));
            return ExitCodes.Failure;
        }
        var written = await WriteResults(connection, grain, outDir);
        if (adapters is { } adaptersDir)
        {
            var dir = Path.GetFullPath(adaptersDir);
            var (adapterCount, notes) = await AdapterExport.WriteAsync(connection.Client, id, (await ResultsPaging.FetchAllAsync(grain)).Trials, dir);
            stdout.WriteLine($"{adapterCount} adapter(s) written to {dir}");
            foreach (var n in notes) stdout.WriteLine($"  note: {n}");
        }
        var failed = status.Count(TrialState.Failed);
        stdout.WriteLine($"{status.State} in {clock.Elapsed:hh\\:mm\\:ss}: {status.Count(TrialState.Completed)} completed, {failed} failed, " +
            $"{status.Count(TrialState.Diverged)} diverged, {status.Count(TrialState.Cancelled)} cancelled; results in {written}");
        foreach (var t in status.Trials.Where(t => t.State == TrialState.Failed)) stderr.WriteLine($"  failed {t.Id}: {t.Error}");
        if (status.Sequential is { } seq) stdout.WriteLine(SequentialText.Overview(seq));
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

    internal static async Task<string> WriteResults(SweepConnection connection, IExperimentGrain grain, string outDir)
    {
        var (_, notes) = await ResultsExport.WriteAsync(connection.Client, grain, outDir);
        return notes.Count > 0 ? $"{outDir} ({string.Join("; ", notes)})" : outDir;
    }
}
