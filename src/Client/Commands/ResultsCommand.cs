using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.ResultFiles;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary><c>sweep results ID [--out DIR]</c>: writes results.json, trials.csv, summary.md, significance.csv, figures/.</summary>
public sealed class ResultsCommand(ConsoleStreams io) : ExperimentCommand<ResultsCommand.Settings>(io)
{
    public sealed class Settings : ExperimentSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("directory for the results (default: runs/ID)")]
        public string? Out { get; set; }

        /// <summary>The output directory is checked before connecting: nothing is fetched for a place that cannot take it.</summary>
        public override ValidationResult Validate()
        {
            var cluster = base.Validate();
            return cluster.Successful ? SettingsCheck.Of(() => OutputFiles.EnsureDirectoryUsable(Out ?? Path.Combine("runs", Id), "--out")) : cluster;
        }
    }

    protected override async Task<int> ExecuteAsync(SweepConnection connection, IExperimentGrain grain, Settings settings, CancellationToken ct)
    {
        var id = settings.Id;
        var outDir = Path.GetFullPath(settings.Out ?? Path.Combine("runs", id));
        var (results, notes) = await ResultsExport.WriteAsync(connection.Client, grain, outDir);
        Io.Out.WriteLine($"{id}: {results.State}, {results.Trials.Count} result(s) written to {outDir}");
        foreach (var n in notes) Io.Out.WriteLine($"  note: {n}");
        return ExitCodes.Ok;
    }
}
