using Sweep.Client.Cli;
using Sweep.Training.Models;
using Sweep.Training.Trials;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary><c>sweep pretrain</c>: pretrains a small GPT-2-shaped base on one corpus and writes an HF model directory.</summary>
public sealed class PretrainCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    public string Name => "pretrain";
    public string Usage => "pretrain --data SOURCE --out DIR [--layers N] [--width C] [--heads H] [--steps N] [--batch-size B] [--block T] [--lr X] [--seed S] [--threads N]";
    public string Summary => "Pretrain a small GPT-2-shaped base on a corpus (no GPT-2 weights exist offline); writes an HF model directory.";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var tiny = Gpt2Config.Tiny;
        var config = tiny with
        {
            NLayer = Positive(args.IntOption("layers"), "layers") ?? tiny.NLayer,
            NEmbd = Positive(args.IntOption("width"), "width") ?? tiny.NEmbd,
            NHead = Positive(args.IntOption("heads"), "heads") ?? tiny.NHead,
        };
        var spec = new PretrainSpec
        {
            Data = args.Required("data"),
            OutputDirectory = args.Required("out"),
            Config = config,
            Steps = Positive(args.IntOption("steps"), "steps") ?? 300,
            BatchSize = Positive(args.IntOption("batch-size"), "batch-size") ?? 8,
            BlockSize = Positive(args.IntOption("block"), "block") ?? 128,
            LearningRate = args.DoubleOption("lr") ?? 1e-3,
            Seed = args.IntOption("seed") ?? 1,
            Threads = Positive(args.IntOption("threads"), "threads"),
        };
        args.EnsureAllUsed(0);
        if (spec.Config.NEmbd % spec.Config.NHead != 0)
            throw new UsageException($"--width {spec.Config.NEmbd} must be a multiple of --heads {spec.Config.NHead}");
        var progress = new ConsoleTrialProgress(stderr);
        var outcome = BasePretrainer.Run(spec, progress, ct);
        progress.Finish();
        stdout.WriteLine($"state        {outcome.State}{(outcome.Error is null ? "" : $" ({outcome.Error})")}");
        if (outcome.FinalEval is { } e) stdout.WriteLine($"perplexity   {e.Metrics["perplexity"]:F2} (held-out {spec.Data})");
        if (outcome.State != TrialState.Completed) return Task.FromResult(ExitCodes.Failure);
        stdout.WriteLine($"wrote        {spec.OutputDirectory} (config.json, model.safetensors)");
        return Task.FromResult(ExitCodes.Ok);
    }

    private static int? Positive(int? v, string name) => v is <= 0 ? throw new UsageException($"--{name}: must be > 0 (got {v})") : v;
}
