using System.Globalization;
using Sweep.Grains.Interfaces;

namespace Sweep.ResultFiles;

/// <summary>Seeds on demand in words, for <c>status</c>, <c>watch</c> and <c>summary.md</c>: the sweep's look and each comparison's.</summary>
public static class SequentialText
{
    /// <summary>e.g. <c>seeds on demand (obrien-fleming, α = 0.05): look 2 of 3 (6 seeds), 1 of 5 comparisons open, 42 of up to 54 trials</c>.</summary>
    public static string Overview(SequentialReport r)
    {
        var open = r.Comparisons.Count(IsOpen);
        var look = r.Done ? "done" : $"look {r.CurrentLook} of {r.Looks} ({r.LookSeeds[r.CurrentLook - 1]} seeds)";
        var saved = r.Done ? $", {r.TrialsSaved} saved against {r.LookSeeds[^1]} seeds everywhere" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"seeds on demand ({r.Method}, α = {r.Alpha:0.###}): {look}, {open} of {r.Comparisons.Count} comparisons open, " +
            $"{r.TrialsScheduled} of up to {r.TrialsAtMax} trials{saved}");
    }

    /// <summary>e.g. <c>sentiment: Joint-3 vs B-FP (accuracy): look 2 of 3, 6 seeds, efficacy (upper boundary, |z| 3.10 ≥ 2.77)</c>.</summary>
    public static string Comparison(SequentialReport r, SequentialComparisonReport c)
    {
        var head = $"{c.Task}: {c.Preset} vs {c.Baseline} ({c.Metric})";
        if (c.History.Count == 0) return $"{head}: look 1 of {r.Looks} running";
        var last = c.History[^1];
        var z = double.IsNaN(last.Z) ? "not tested (fewer than two pairs)"
            : string.Create(CultureInfo.InvariantCulture, $"|z| {Math.Abs(last.Z):0.00} {(Math.Abs(last.Z) >= last.Boundary ? "≥" : "<")} {last.Boundary:0.00}");
        var decision = c.Decision switch
        {
            SequentialDecisions.Efficacy => $"efficacy ({(c.BoundaryCrossed == "efficacy_upper" ? "higher" : "lower")} than the baseline, {z})",
            SequentialDecisions.Equivalence => string.Create(CultureInfo.InvariantCulture,
                $"equivalence (within ±{r.EquivalenceMargin}, TOST p {last.EquivalenceP:0.####} < {last.LookAlpha:0.####}; {z})"),
            SequentialDecisions.StopAtMax => $"no difference shown at max ({z})",
            _ => $"open, more seeds ({z})",
        };
        return $"{head}: look {c.Look} of {r.Looks}, {c.Seeds} seeds, {decision}";
    }

    public static bool IsOpen(SequentialComparisonReport c) => c.Decision is SequentialDecisions.Open or SequentialDecisions.Continue;
}
