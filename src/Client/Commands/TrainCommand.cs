using System.ComponentModel;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Settings;
using Sweep.Training.Data;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary><c>sweep train</c>: one trial in-process, no cluster.</summary>
public sealed class TrainCommand(ConsoleStreams io) : Command<TrainCommand.Settings>
{
    public sealed class Settings : TrialOptionSettings
    {
        [CommandOption("--checkpoint-dir <DIR>")]
        [Description("directory for checkpoints; the trial resumes from the last one there")]
        public string? CheckpointDir { get; set; }

        [CommandOption("--json <FILE>")]
        [Description("also write the trial result as JSON")]
        public string? Json { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var (stdout, stderr) = (io.Out, io.Err);
        var spec = TrialSpecOptions.Read(settings, "train");
        var (jsonPath, checkpointDir) = (settings.Json, settings.CheckpointDir);
        OutputFiles.EnsureWritable(jsonPath, "--json");

        var store = checkpointDir is null ? null : new LocalDirectoryCheckpointStore(checkpointDir);
        var progress = new ConsoleTrialProgress(stderr);
        stderr.WriteLine($"trial {spec.Id}: {spec.Preset} on {spec.Model} / {spec.Data} (seed {spec.Seed})");
        TrialResult result;
        try
        {
            result = new TrialRunner().Run(spec, progress, ct, store);
        }
        catch (PackageFetchException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        progress.Finish();
        TrialSummaryPrinter.Print(stdout, result);
        if (jsonPath is not null) OutputFiles.WriteAtomically(jsonPath, TrialJson.Serialize(result));
        return result.State is TrialState.Completed or TrialState.Diverged ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
