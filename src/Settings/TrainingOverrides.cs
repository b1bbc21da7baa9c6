namespace Sweep.Settings;

/// <summary>
/// Training settings where null means "not set here" (inherit the level above, finally the defaults of
/// <see cref="TrainingFields"/>). Levels: a preset's <c>overrides:</c> over the spec's <c>training:</c> over the defaults.
/// </summary>
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
    public TrainingOverrides Over(TrainingOverrides fallback) =>
        TrainingFields.All.Aggregate(fallback, (merged, field) => field.Take(this, merged));

    /// <summary>The settings the core runs with: these values where set, else the defaults of <see cref="TrainingFields"/>.</summary>
    public TrainingSettings Resolve() =>
        TrainingFields.All.Aggregate(new TrainingSettings(), (settings, field) => field.Apply(this, settings));
}
