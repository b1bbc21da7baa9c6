using Sweep.Settings;

namespace Sweep.Training.Trials;

/// <summary>
/// The core's own check of a trial against the settings table, for trials that reach it without the spec reader or the
/// console (a grain call, a test): a value out of bounds is bad input, reported once, before any tensor is allocated.
/// </summary>
public static class TrialBounds
{
    public static void Check(TrialSpec spec)
    {
        var s = spec.Training;
        Int(TrainingFields.BatchSize, s.BatchSize);
        Int(TrainingFields.Epochs, s.Epochs);
        Int(TrainingFields.WarmupSteps, s.WarmupSteps);
        Int(TrainingFields.MaxLength, s.MaxLength);
        if (s.MaxSteps is { } steps) Int(TrainingFields.MaxSteps, steps);
        Real(TrainingFields.LearningRate, s.LearningRate);
        Real(TrainingFields.WeightDecay, s.WeightDecay);
        Real(TrainingFields.MaxGradNorm, s.MaxGradNorm);
        Real(TrainingFields.LoraDropout, s.LoraDropout);
        if (spec.Rank is { } rank) Int(SweepFields.Rank with { Key = "rank" }, rank);
        if (spec.Adapter.Alpha is { } alpha) Real(AdapterFields.Alpha, alpha);
        if (spec.Adapter.AdaInitRank is { } init) Int(AdapterFields.AdaInitRank, init);
        if (spec.Adapter.AdaTargetRank is { } target) Int(AdapterFields.AdaTargetRank, target);
    }

    private static void Int(IntBound bound, int value)
    {
        if (!bound.Allows(value)) throw new InvalidInputException($"{bound.Key}: {bound.Describe(value)}");
    }

    private static void Real(RealBound bound, double value)
    {
        if (!bound.Allows(value)) throw new InvalidInputException($"{bound.Key}: {bound.Describe(value)}");
    }
}
