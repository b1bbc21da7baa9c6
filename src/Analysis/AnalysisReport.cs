using Sweep.Settings;

namespace Sweep.Analysis;

/// <summary>Options of one analysis run.</summary>
/// <param name="AboutTolerance">"about X" claims (C3 −24.8% memory, C4 +81% time) hold when the estimate lies within
/// X·(1 ± AboutTolerance).</param>
/// <param name="Seed">seed of the resampling procedures (bootstrap, ASO), so a rerun gives the same numbers.</param>
public sealed record AnalysisOptions(string Baseline = Presets.FullPrecision, double Alpha = 0.05, double EquivalenceMarginPoints = 0.5,
    double AboutTolerance = 0.2, int BootstrapIterations = 1000, int Seed = 12345);

/// <summary>Mean, sd and 95% t-interval of one metric of one preset over seeds.</summary>
/// <param name="NonFinite">completed trials whose value was NaN or ±∞ (an outcome, left out of the statistics).</param>
public sealed record GroupSummary(string Task, string Preset, string Metric, int N, double Mean, double Sd, double CiLow, double CiHigh,
    int NonFinite = 0);

/// <summary>One comparison of a preset (B) against the baseline (A), paired by seed. Diff = mean(B − A).
/// Statistic and effect are oriented the same way (positive: B higher). Seed is set for the per-example tests
/// (mcnemar_exact, bootstrap) that compare the two presets' predictions of one seed.</summary>
public sealed record Comparison(
    string Task, string Metric, string A, string B, string Test, int N,
    double? Statistic, double? P, double? PHolm, string Effect, double? EffectSize,
    double? Diff, double? CiLow, double? CiHigh, string? Note = null, int? Seed = null);

/// <summary>A claim's verdict; the contract spells the values in lower case.</summary>
public enum Verdict
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("supported")] Supported,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("refuted")] Refuted,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("inconclusive")] Inconclusive,
}

/// <summary>A verdict on one of the paper's claims C1–C6, with its evidence in words and numbers.</summary>
/// <param name="Headline">the evidence in one line: the effect with its CI and the test (what summary.md leads with).</param>
public sealed record ClaimVerdict(string Id, string Text, Verdict Verdict, string Evidence, string Headline = "");

/// <summary>The whole analysis: contract fields <c>groups</c>, <c>comparisons</c>, <c>claims</c>.</summary>
public sealed record AnalysisReport(
    IReadOnlyList<GroupSummary> Groups,
    IReadOnlyList<Comparison> Comparisons,
    IReadOnlyList<ClaimVerdict> Claims);
