using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;

namespace Sweep.Client.Commands;

/// <summary>The options of one trial (<c>sweep train</c>); <see cref="TrialSpecOptions.Read"/> turns them into a trial spec.</summary>
public class TrialOptionSettings : ModelPresetSettings
{
    [CommandOption("--task <NAME>")]
    [Description("task name in the trial id (default: classification or language-modelling)")]
    public string? Task { get; set; }

    [CommandOption("--data <SOURCE>")]
    [Description("data source: uci-sentiment, toy-sentiment, sst2:PATH, sotu, moby-dick, toy-text, wikitext2:PATH (default: uci-sentiment or sotu by kind)")]
    public string? Data { get; set; }

    [CommandOption("--seed <S>")]
    [Description("random seed")]
    [TrialDefault("seed")]
    public int? Seed { get; set; }

    [CommandOption("--lr <X>")]
    [Description("learning rate")]
    [TrialDefault("lr")]
    public double? LearningRate { get; set; }

    [CommandOption("--batch-size <B>")]
    [Description("examples per optimizer step")]
    [TrialDefault("batch-size")]
    public int? BatchSize { get; set; }

    [CommandOption("--epochs <E>")]
    [Description("passes over the training data")]
    [TrialDefault("epochs")]
    public int? Epochs { get; set; }

    [CommandOption("--warmup <N>")]
    [Description("learning-rate warmup steps")]
    [TrialDefault("warmup")]
    public int? Warmup { get; set; }

    [CommandOption("--max-steps <N>")]
    [Description("stop after N optimizer steps (default: all epochs)")]
    public int? MaxSteps { get; set; }

    [CommandOption("--max-train <N>")]
    [Description("use at most N training examples (default: all)")]
    public int? MaxTrain { get; set; }

    [CommandOption("--max-eval <N>")]
    [Description("use at most N evaluation examples (default: all)")]
    public int? MaxEval { get; set; }

    [CommandOption("--max-length <T>")]
    [Description("maximum sequence length (classification) or block size (language modelling)")]
    [TrialDefault("max-length")]
    public int? MaxLength { get; set; }

    [CommandOption("--targets <NAMES>")]
    [Description("adapted modules: comma-separated name suffixes, or all-linear")]
    [TrialDefault("targets")]
    public string? Targets { get; set; }

    [CommandOption("--alpha <A>")]
    [Description("LoRA/AdaLoRA alpha (update scaled by alpha/r)")]
    [TrialDefault("alpha")]
    public double? Alpha { get; set; }

    [CommandOption("--ada-init-rank <R>")]
    [Description("AdaLoRA initial rank (default: the preset's)")]
    public int? AdaInitRank { get; set; }

    [CommandOption("--ada-target-rank <R>")]
    [Description("AdaLoRA target rank (default: the preset's)")]
    public int? AdaTargetRank { get; set; }

    [CommandOption("--ada-tinit <F>")]
    [Description("AdaLoRA: fraction of steps before rank pruning starts (default: the preset's)")]
    public double? AdaTinit { get; set; }

    [CommandOption("--ada-tfinal <F>")]
    [Description("AdaLoRA: fraction of steps after pruning ends (default: the preset's)")]
    public double? AdaTfinal { get; set; }

    [CommandOption("--ada-delta-t <N>")]
    [Description("AdaLoRA: steps between rank allocations (default: the preset's)")]
    public int? AdaDeltaT { get; set; }

    [CommandOption("--matched-budget")]
    [Description("AdaLoRA ends with the same total rank as LoRA at --rank")]
    public bool MatchedBudget { get; set; }

    [CommandOption("--device <D>")]
    [Description("auto, cpu, cuda or mps")]
    [TrialDefault("device")]
    public string? Device { get; set; }

    [CommandOption("--threads <N>")]
    [Description("torch threads (default: leave as is)")]
    public int? Threads { get; set; }

    [CommandOption("--checkpoint-every <N>")]
    [Description("save a checkpoint every N optimizer steps (0 = never)")]
    [TrialDefault("checkpoint-every")]
    public int? CheckpointEvery { get; set; }

    public override ValidationResult Validate() => SettingsCheck.Of(() => TrialSpecOptions.Read(this, "check"));
}
