using Sweep.Settings;

namespace Sweep.Training.Trials;

/// <summary>Everything one trial needs: what to train, how, and where. Immutable; built by the trial grain or by <c>sweep train</c>, and sent as JSON to a trial process (<see cref="Isolation.TrialRequest"/>).</summary>
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
    public int Seed { get; init; } = SweepFields.Seed.Value;
    public TrainingSettings Training { get; init; } = new();
    /// <summary>cpu | cuda | mps | auto</summary>
    public string Device { get; init; } = "auto";
    /// <summary>Torch intra-op threads; null = leave as is.</summary>
    public int? Threads { get; init; }
    /// <summary>Adapter knobs over the preset's defaults (targets, α, AdaLoRA schedule, matched budget).</summary>
    public AdapterSpec Adapter { get; init; } = new();
    /// <summary>Save a checkpoint every N optimizer steps (0 = never).</summary>
    public int CheckpointEvery { get; init; } = SweepFields.TrainCheckpointEvery;
}
