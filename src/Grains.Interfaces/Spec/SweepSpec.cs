namespace Sweep.Grains.Interfaces.Spec;

/// <summary>
/// A whole sweep as the user wrote it (YAML, see <see cref="SpecLoader"/>), after validation.
/// Immutable; crosses the wire to the experiment grain and is stored in its state.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepSpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required IReadOnlyList<TaskSpec> Tasks { get; init; }
    [Id(2)] public required IReadOnlyList<string> Presets { get; init; }
    [Id(3)] public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary>Ranks swept for fixed-rank presets; AdaLoRA presets use their own init/target ranks.</summary>
    [Id(4)] public IReadOnlyList<int> Ranks { get; init; } = [8];
    [Id(5)] public TrainingOverrides Training { get; init; } = new();
    /// <summary>Preset name → settings that replace <see cref="Training"/> for that preset.</summary>
    [Id(6)] public IReadOnlyDictionary<string, TrainingOverrides> Overrides { get; init; } = new Dictionary<string, TrainingOverrides>();
    [Id(7)] public PlacementSpec Placement { get; init; } = new();
    /// <summary>At most this many trials of this experiment run at once.</summary>
    [Id(8)] public int Concurrency { get; init; } = 2;
    /// <summary>Retries after a failed attempt (0 = fail on the first error).</summary>
    [Id(9)] public int Retries { get; init; } = 2;
    /// <summary>Checkpoint every N optimizer steps (0 = never).</summary>
    [Id(10)] public int CheckpointEvery { get; init; } = 50;
    [Id(11)] public AnalysisSpec Analysis { get; init; } = new();
    /// <summary>Torch intra-op threads per trial (null = leave as is).</summary>
    [Id(12)] public int? ThreadsPerTrial { get; init; }
    /// <summary>Adapter knobs over the presets' defaults (targets, α, AdaLoRA schedule, matched final budget).</summary>
    [Id(13)] public AdapterSpec Adapter { get; init; } = new();
}

/// <summary>One task: a model trained on a data source.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskSpec
{
    [Id(0)] public required string Name { get; init; }
    /// <summary>classification | language-modelling</summary>
    [Id(1)] public string Kind { get; init; } = TaskKinds.Classification;
    [Id(2)] public required string Model { get; init; }
    /// <summary>Built-in source name, or "sst2:PATH" / "wikitext2:PATH".</summary>
    [Id(3)] public required string Data { get; init; }
}

public static class TaskKinds
{
    public const string Classification = "classification";
    public const string LanguageModelling = "language-modelling";
}

/// <summary>Training settings where null means "not set here" (inherit the level above, finally the core's default).</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingOverrides
{
    [Id(0)] public double? LearningRate { get; init; }
    [Id(1)] public int? BatchSize { get; init; }
    [Id(2)] public int? Epochs { get; init; }
    [Id(3)] public int? WarmupSteps { get; init; }
    [Id(4)] public double? WeightDecay { get; init; }
    [Id(5)] public double? MaxGradNorm { get; init; }
    [Id(6)] public double? LoraDropout { get; init; }
    [Id(7)] public int? MaxSteps { get; init; }
    [Id(8)] public int? MaxTrainExamples { get; init; }
    [Id(9)] public int? MaxEvalExamples { get; init; }
    [Id(10)] public int? MaxLength { get; init; }
    [Id(11)] public double? EvalFraction { get; init; }

    /// <summary>This level's values where set, else <paramref name="fallback"/>'s.</summary>
    public TrainingOverrides Over(TrainingOverrides fallback) => new()
    {
        LearningRate = LearningRate ?? fallback.LearningRate,
        BatchSize = BatchSize ?? fallback.BatchSize,
        Epochs = Epochs ?? fallback.Epochs,
        WarmupSteps = WarmupSteps ?? fallback.WarmupSteps,
        WeightDecay = WeightDecay ?? fallback.WeightDecay,
        MaxGradNorm = MaxGradNorm ?? fallback.MaxGradNorm,
        LoraDropout = LoraDropout ?? fallback.LoraDropout,
        MaxSteps = MaxSteps ?? fallback.MaxSteps,
        MaxTrainExamples = MaxTrainExamples ?? fallback.MaxTrainExamples,
        MaxEvalExamples = MaxEvalExamples ?? fallback.MaxEvalExamples,
        MaxLength = MaxLength ?? fallback.MaxLength,
        EvalFraction = EvalFraction ?? fallback.EvalFraction,
    };
}

/// <summary>What hardware a trial needs.</summary>
[GenerateSerializer, Immutable]
public sealed record PlacementSpec
{
    /// <summary>cuda | mps | cpu | any</summary>
    [Id(0)] public string Accelerator { get; init; } = Accelerators.Any;
    /// <summary>Minimum device memory in bytes (0 = no minimum).</summary>
    [Id(1)] public long MinDeviceMemory { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AnalysisSpec
{
    [Id(0)] public string Baseline { get; init; } = "B-FP";
    [Id(1)] public double Alpha { get; init; } = 0.05;

    /// <summary>The analysis library's options for these settings (the one mapping, for aggregation and the writer).</summary>
    public Sweep.Analysis.AnalysisOptions ToOptions() => new(Baseline, Alpha);
}
