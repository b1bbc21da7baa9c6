namespace Sweep.Training.Trainer;

/// <summary>Linear warmup from 0 to the peak, then linear decay to 0 at the last step (HF's "linear" schedule).</summary>
public static class LearningRateSchedule
{
    /// <summary>Multiplier of the peak learning rate for optimizer step <paramref name="step"/> (0-based).</summary>
    public static double Factor(int step, int warmupSteps, int totalSteps)
    {
        if (totalSteps <= 0) return 0;
        if (step < warmupSteps) return (double)step / Math.Max(1, warmupSteps);
        return Math.Max(0.0, (double)(totalSteps - step) / Math.Max(1, totalSteps - warmupSteps));
    }
}
