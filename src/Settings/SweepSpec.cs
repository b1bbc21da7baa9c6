namespace Sweep.Settings;

/// <summary>
/// A whole sweep as the user wrote it (YAML, read by the spec library), after validation.
/// Immutable; crosses the wire to the experiment grain and is stored in its state. Defaults come from <see cref="SweepFields"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepSpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required IReadOnlyList<TaskSpec> Tasks { get; init; }
    [Id(2)] public required IReadOnlyList<string> Presets { get; init; }
    /// <summary>Every seed the sweep may run (with a <see cref="SeedPlan"/>: 1…max, of which the looks run what they need).</summary>
    [Id(3)] public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary>Ranks swept for fixed-rank presets; AdaLoRA presets use their own init/target ranks.</summary>
    [Id(4)] public IReadOnlyList<int> Ranks { get; init; } = [SweepFields.Rank.Value];
    [Id(5)] public TrainingOverrides Training { get; init; } = new();
    /// <summary>Preset name → settings that replace <see cref="Training"/> for that preset.</summary>
    [Id(6)] public IReadOnlyDictionary<string, TrainingOverrides> Overrides { get; init; } = new Dictionary<string, TrainingOverrides>();
    [Id(7)] public PlacementSpec Placement { get; init; } = new();
    /// <summary>At most this many trials of this experiment run at once.</summary>
    [Id(8)] public int Concurrency { get; init; } = SweepFields.Concurrency.Value;
    /// <summary>Retries after a failed attempt (0 = fail on the first error).</summary>
    [Id(9)] public int Retries { get; init; } = SweepFields.Retries.Value;
    /// <summary>Checkpoint every N optimizer steps (0 = never).</summary>
    [Id(10)] public int CheckpointEvery { get; init; } = SweepFields.CheckpointEvery.Value;
    [Id(11)] public AnalysisSpec Analysis { get; init; } = new();
    /// <summary>Torch intra-op threads per trial (null = leave as is).</summary>
    [Id(12)] public int? ThreadsPerTrial { get; init; }
    /// <summary>Adapter knobs over the presets' defaults (targets, α, AdaLoRA schedule, matched final budget).</summary>
    [Id(13)] public AdapterSpec Adapter { get; init; } = new();
    /// <summary>Keep each trial's last checkpoint after it finishes (default: deleted).</summary>
    [Id(14)] public bool KeepCheckpoints { get; init; } = SweepFields.KeepCheckpoints.Default;
    /// <summary>Seeds on demand (<c>seeds: { start, max, step }</c>); null for a plain seed list, where every trial runs.</summary>
    [Id(15)] public SeedPlan? SeedPlan { get; init; }
}
