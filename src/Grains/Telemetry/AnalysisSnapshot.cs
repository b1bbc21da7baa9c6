using Sweep.Analysis;

namespace Sweep.Grains.Telemetry;

/// <summary>One p-value of the latest analysis: a preset against the baseline on a task and metric, by one test.</summary>
public sealed record PValue(string Task, string Metric, string Baseline, string Preset, string Test, double P);

/// <summary>One claim's current verdict (supported, refuted or inconclusive).</summary>
public sealed record ClaimState(string Claim, string Verdict);

/// <summary>
/// The parts of an analysis the metrics publish. Per-seed comparisons (the per-example tests of one seed) are left out:
/// their number grows with the seeds, and the seed-level comparison of the same presets carries the evidence.
/// </summary>
public sealed record AnalysisSnapshot(IReadOnlyList<PValue> PValues, IReadOnlyList<ClaimState> Verdicts)
{
    public static readonly IReadOnlyList<string> VerdictNames = ["supported", "refuted", "inconclusive"];

    public static AnalysisSnapshot Of(AnalysisReport report) => new(
        report.Comparisons
            .Where(c => c.Seed is null && c.P is { } p && double.IsFinite(p))
            .Select(c => new PValue(c.Task, c.Metric, c.A, c.B, c.Test, c.P!.Value))
            .ToList(),
        report.Claims.Select(c => new ClaimState(c.Id, c.Verdict.ToString().ToLowerInvariant())).ToList());
}
