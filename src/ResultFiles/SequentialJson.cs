using Sweep.Grains.Interfaces;

namespace Sweep.ResultFiles;

/// <summary>
/// <c>results.json → sequential</c>: seeds on demand as the sweep ran it (null for a plain seed list). Field names and
/// meanings are in docs/results.md; numbers that were not computed (a look with fewer than two pairs) are null.
/// </summary>
public static class SequentialJson
{
    public sealed record LookEntry(int Look, int Seeds, double Fraction, double Boundary, double SpentAlpha, double LookAlpha,
        double MeanDifference, double T, int Df, double Z, double? EquivalenceP, string Decision);

    public sealed record Comparison(string Task, string Metric, string Baseline, string Preset, string Decision, int Look, int Looks,
        int Seeds, string? BoundaryCrossed, int TrialsSaved, IReadOnlyList<LookEntry> History);

    public sealed record Report(string Method, double Alpha, double? EquivalenceMargin, IReadOnlyList<int> LookSeeds, int Looks,
        int CurrentLook, bool Done, long TrialsScheduled, long TrialsAtMax, long TrialsSaved, IReadOnlyList<Comparison> Comparisons);

    /// <param name="trialsPerSeed">(task, preset) → trials per seed (its ranks), to count what each comparison saved.</param>
    public static Report Build(SequentialReport r, Func<string, string, int> trialsPerSeed) => new(
        r.Method, r.Alpha, r.EquivalenceMargin, r.LookSeeds, r.Looks, r.CurrentLook, r.Done, r.TrialsScheduled, r.TrialsAtMax, r.TrialsSaved,
        r.Comparisons.Select(c => new Comparison(c.Task, c.Metric, c.Baseline, c.Preset, c.Decision, c.Look, r.Looks, c.Seeds, c.BoundaryCrossed,
            // the preset's own trials not run; the baseline's are counted once for the sweep (it pairs every open comparison)
            c.Decision is SequentialDecisions.Open or SequentialDecisions.Continue ? 0 : (r.LookSeeds[^1] - c.Seeds) * trialsPerSeed(c.Task, c.Preset),
            c.History.Select(l => new LookEntry(l.Look, l.Seeds, l.Fraction, l.Boundary, l.SpentAlpha, l.LookAlpha, l.MeanDifference, l.T, l.Df,
                l.Z, l.EquivalenceP, l.Decision)).ToList())).ToList());
}
