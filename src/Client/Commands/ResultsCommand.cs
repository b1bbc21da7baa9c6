using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Client.Adapters;
using Sweep.ResultFiles;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary><c>sweep results ID [--out DIR] [--adapters DIR]</c>: writes results.json, trials.csv, summary.md, significance.csv, figures/;
/// with <c>--adapters</c>, each completed trial's adapter in PEFT format.</summary>
public sealed class ResultsCommand(ConsoleStreams io) : ExperimentCommand<ResultsCommand.Settings>(io)
{
    public sealed class Settings : ExperimentSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("directory for the results (default: runs/ID)")]
        public string? Out { get; set; }

        [CommandOption("--adapters <DIR>")]
        [Description("also download each completed trial's adapter in PEFT format, one folder per trial (TASK_PRESET_rRANK_sSEED)")]
        public string? Adapters { get; set; }

        /// <summary>The output directories are checked before connecting: nothing is fetched for a place that cannot take it.</summary>
        public override ValidationResult Validate()
        {
            var cluster = base.Validate();
            return cluster.Successful ? SettingsCheck.Of(() =>
            {
                OutputFiles.EnsureDirectoryUsable(Out ?? Path.Combine("runs", Id), "--out");
                if (Adapters is not null) OutputFiles.EnsureDirectoryUsable(Adapters, "--adapters");
            }) : cluster;
        }
    }

    protected override async Task<int> ExecuteAsync(SweepConnection connection, IExperimentGrain grain, Settings settings, CancellationToken ct)
    {
        var id = settings.Id;
        var outDir = Path.GetFullPath(settings.Out ?? Path.Combine("runs", id));
        var (results, notes) = await ResultsExport.WriteAsync(connection.Client, grain, outDir);
        Io.Out.WriteLine($"{id}: {results.State}, {results.Trials.Count} result(s) written to {outDir}");
        foreach (var n in notes) Io.Out.WriteLine($"  note: {n}");
        if (settings.Adapters is { } adaptersDir)
        {
            var dir = Path.GetFullPath(adaptersDir);
            var (written, missing) = await AdapterExport.WriteAsync(connection.Client, id, results.Trials, dir);
            Io.Out.WriteLine($"{id}: {written} adapter(s) written to {dir}");
            foreach (var n in missing) Io.Out.WriteLine($"  note: {n}");
        }
        return ExitCodes.Ok;
    }
}
