namespace Sweep.Settings;

/// <summary>Resolved optimisation settings the core trains with; every default comes from <see cref="TrainingFields"/>.</summary>
public sealed record TrainingSettings
{
    public double LearningRate { get; init; } = TrainingFields.LearningRate.Value;
    public int BatchSize { get; init; } = TrainingFields.BatchSize.Value;
    public int Epochs { get; init; } = TrainingFields.Epochs.Value;
    public int WarmupSteps { get; init; } = TrainingFields.WarmupSteps.Value;
    public double WeightDecay { get; init; } = TrainingFields.WeightDecay.Value;
    public double MaxGradNorm { get; init; } = TrainingFields.MaxGradNorm.Value;
    public double LoraDropout { get; init; } = TrainingFields.LoraDropout.Value;
    /// <summary>Stop after this many optimizer steps (null = run all epochs). For tests and quick runs.</summary>
    public int? MaxSteps { get; init; }
    /// <summary>Use at most this many training examples (null = all).</summary>
    public int? MaxTrainExamples { get; init; }
    /// <summary>Use at most this many evaluation examples (null = all).</summary>
    public int? MaxEvalExamples { get; init; }
    /// <summary>Maximum sequence length (classification) or block size (language modelling).</summary>
    public int MaxLength { get; init; } = TrainingFields.MaxLength.Value;
    /// <summary>Fraction of the data held out for evaluation when the source has no split of its own.</summary>
    public double EvalFraction { get; init; } = TrainingFields.EvalFraction.Value;
}
