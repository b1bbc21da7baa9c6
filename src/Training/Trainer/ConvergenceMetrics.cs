namespace Sweep.Training.Trainer;

/// <summary>Steps to reach 95% of the final evaluation metric. Pure.</summary>
public static class ConvergenceMetrics
{
    /// <param name="evaluations">(step, metric) in step order; the last one is the final metric.</param>
    /// <param name="higherIsBetter">true for accuracy; false for perplexity or loss (then "95%" means within final/0.95).</param>
    public static int? StepsTo95(IReadOnlyList<(int Step, double Value)> evaluations, bool higherIsBetter)
    {
        if (evaluations.Count == 0) return null;
        var final = evaluations[^1].Value;
        if (!double.IsFinite(final)) return null;
        foreach (var (step, value) in evaluations)
        {
            var reached = higherIsBetter ? value >= 0.95 * final : value <= final / 0.95;
            if (reached) return step;
        }
        return evaluations[^1].Step;
    }
}
