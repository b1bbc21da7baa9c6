namespace Sweep.Training.Trials;

/// <summary>Everything one trial needs: what to train, how, and where. Immutable; crosses process boundaries as JSON.</summary>
public sealed record TrialSpec
{
    public required string Id { get; init; }
    /// <summary>Task name from the sweep spec (e.g. "sentiment").</summary>
    public string Task { get; init; } = "task";
    /// <summary>classification | language-modelling</summary>
    public TaskKind Kind { get; init; } = TaskKind.Classification;
    /// <summary>Built-in model name (minilm, bert-base-uncased, gpt2, tiny-bert, tiny-gpt2) or an HF model directory.</summary>
    public required string Model { get; init; }
    /// <summary>Built-in data source (uci-sentiment, sotu, moby-dick) or "sst2:PATH" / "wikitext2:PATH".</summary>
    public required string Data { get; init; }
    /// <summary>Preset name (B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3).</summary>
    public required string Preset { get; init; }
    /// <summary>Rank for fixed-rank presets; null = the preset's default.</summary>
    public int? Rank { get; init; }
    public int Seed { get; init; } = 1;
    public TrainingSettings Training { get; init; } = new();
    /// <summary>cpu | cuda | mps | auto</summary>
    public string Device { get; init; } = "auto";
    /// <summary>Torch intra-op threads; null = leave as is.</summary>
    public int? Threads { get; init; }
    /// <summary>Adapter knobs over the preset's defaults (targets, α, AdaLoRA schedule, matched budget).</summary>
    public AdapterSettings Adapter { get; init; } = new();
    /// <summary>Save a checkpoint every N optimizer steps (0 = never).</summary>
    public int CheckpointEvery { get; init; }
}

public enum TaskKind { Classification, LanguageModelling }

/// <summary>Optimisation settings; defaults are the paper's (lr 1e-4, batch 4, 3 epochs, warmup 100, wd 0.01).</summary>
public sealed record TrainingSettings
{
    public double LearningRate { get; init; } = 1e-4;
    public int BatchSize { get; init; } = 4;
    public int Epochs { get; init; } = 3;
    public int WarmupSteps { get; init; } = 100;
    public double WeightDecay { get; init; } = 0.01;
    public double MaxGradNorm { get; init; } = 1.0;
    public double LoraDropout { get; init; } = 0.1;
    /// <summary>Stop after this many optimizer steps (null = run all epochs). For tests and quick runs.</summary>
    public int? MaxSteps { get; init; }
    /// <summary>Use at most this many training examples (null = all).</summary>
    public int? MaxTrainExamples { get; init; }
    /// <summary>Use at most this many evaluation examples (null = all).</summary>
    public int? MaxEvalExamples { get; init; }
    /// <summary>Maximum sequence length (classification) or block size (language modelling).</summary>
    public int MaxLength { get; init; } = 128;
    /// <summary>Fraction of the data held out for evaluation when the source has no split of its own.</summary>
    public double EvalFraction { get; init; } = 0.2;
}
