using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Settings;
using Sweep.Training.Models;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary><c>sweep pretrain</c>: pretrains a small GPT-2-shaped base on one corpus and writes an HF model directory.</summary>
public sealed class PretrainCommand(ConsoleStreams io) : Command<PretrainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <SOURCE>", isRequired: true)]
        [Description("corpus: a built-in text source (e.g. sotu, moby-dick, toy-text) or wikitext2:PATH")]
        public string Data { get; set; } = "";

        [CommandOption("--out <DIR>", isRequired: true)]
        [Description("model directory to write (config.json, model.safetensors)")]
        public string Out { get; set; } = "";

        [CommandOption("--layers <N>")]
        [Description("transformer layers (default: the tiny configuration's)")]
        public int? Layers { get; set; }

        [CommandOption("--width <C>")]
        [Description("embedding width, a multiple of --heads (default: the tiny configuration's)")]
        public int? Width { get; set; }

        [CommandOption("--heads <H>")]
        [Description("attention heads (default: the tiny configuration's)")]
        public int? Heads { get; set; }

        [CommandOption("--steps <N>")]
        [Description("optimizer steps")]
        [DefaultValue(300)]
        public int Steps { get; set; } = 300;

        [CommandOption("--batch-size <B>")]
        [Description("sequences per step")]
        [DefaultValue(8)]
        public int BatchSize { get; set; } = 8;

        [CommandOption("--block <T>")]
        [Description("tokens per sequence")]
        [DefaultValue(128)]
        public int Block { get; set; } = 128;

        [CommandOption("--lr <X>")]
        [Description("learning rate")]
        [DefaultValue(1e-3)]
        public double LearningRate { get; set; } = 1e-3;

        [CommandOption("--seed <S>")]
        [Description("random seed")]
        [DefaultValue(1)]
        public int Seed { get; set; } = 1;

        [CommandOption("--threads <N>")]
        [Description("torch threads (default: leave as is)")]
        public int? Threads { get; set; }

        /// <summary>The model shape: the tiny configuration with the given overrides.</summary>
        public Gpt2Config Config()
        {
            var tiny = Gpt2Config.Tiny;
            return tiny with { NLayer = Layers ?? tiny.NLayer, NEmbd = Width ?? tiny.NEmbd, NHead = Heads ?? tiny.NHead };
        }

        public override ValidationResult Validate()
        {
            foreach (var (value, option) in new[] { (Layers, "layers"), (Width, "width"), (Heads, "heads"), (Steps, "steps"), (BatchSize, "batch-size"), (Block, "block"), (Threads, "threads") })
                if (value is <= 0) return ValidationResult.Error($"--{option}: must be > 0 (got {value})");
            if (LearningRate <= 0) return ValidationResult.Error($"--lr: must be > 0 (got {LearningRate})");
            var config = Config();
            return config.NEmbd % config.NHead != 0
                ? ValidationResult.Error($"--width {config.NEmbd} must be a multiple of --heads {config.NHead}")
                : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var (stdout, stderr) = (io.Out, io.Err);
        OutputFiles.EnsureDirectoryUsable(settings.Out, "--out");
        var spec = new PretrainSpec
        {
            Data = settings.Data,
            OutputDirectory = settings.Out,
            Config = settings.Config(),
            Steps = settings.Steps,
            BatchSize = settings.BatchSize,
            BlockSize = settings.Block,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            Threads = settings.Threads,
        };
        var progress = new ConsoleTrialProgress(stderr);
        var outcome = BasePretrainer.Run(spec, progress, ct);
        progress.Finish();
        stdout.WriteLine($"state        {outcome.State}{(outcome.Error is null ? "" : $" ({outcome.Error})")}");
        if (outcome.FinalEval is { } e) stdout.WriteLine($"perplexity   {e.Metrics["perplexity"]:F2} (held-out {spec.Data})");
        if (outcome.State != TrialState.Completed) return ExitCodes.Failure;
        stdout.WriteLine($"wrote        {spec.OutputDirectory} (config.json, model.safetensors)");
        return ExitCodes.Ok;
    }
}
