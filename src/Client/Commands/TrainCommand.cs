using Sweep.Client.Cli;
using Sweep.Training.Data;
using Sweep.Training.Trials;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary><c>sweep train</c>: one trial in-process, no cluster.</summary>
public sealed class TrainCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    public string Name => "train";
    public string Usage => "train --model M --preset P [--task NAME] [--data SOURCE] [--kind classification|language-modelling] [--seed S] [--rank R] "
        + "[--lr X] [--batch-size B] [--epochs E] [--warmup N] [--max-steps N] [--max-train N] [--max-eval N] [--max-length T] "
        + "[--targets a,b|all-linear] [--alpha A] [--ada-init-rank R] [--ada-target-rank R] [--ada-tinit F] [--ada-tfinal F] [--ada-delta-t N] [--matched-budget] "
        + "[--device auto|cpu|cuda|mps] [--threads N] [--checkpoint-dir DIR] [--checkpoint-every N] [--json FILE]";
    public string Summary => "Run one trial in-process (no cluster) and print its metrics.";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "matched-budget" };

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var spec = TrialSpecOptions.Read(args, "train");
        var jsonPath = args.Option("json");
        var checkpointDir = args.Option("checkpoint-dir");
        args.EnsureAllUsed(0);
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
            return Task.FromResult(ExitCodes.Failure);
        }
        progress.Finish();
        TrialSummaryPrinter.Print(stdout, result);
        if (jsonPath is not null) OutputFiles.WriteAtomically(jsonPath, TrialJson.Serialize(result));
        return Task.FromResult(result.State is TrialState.Completed or TrialState.Diverged ? ExitCodes.Ok : ExitCodes.Failure);
    }
}
