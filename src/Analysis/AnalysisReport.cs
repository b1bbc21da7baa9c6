using Sweep.Settings;

namespace Sweep.Analysis;

/// <summary>Options of one analysis run.</summary>
/// <param name="AboutTolerance">"about X" claims (C3 −24.8% memory, C4 +81% time) hold when the estimate lies within
/// X·(1 ± AboutTolerance).</param>
/// <param name="Seed">seed of the resampling procedures (bootstrap, ASO), so a rerun gives the same numbers.</param>
/// <param name="EquivalenceMarginPercent">language-modelling claims: perplexities within ± this many percent are equivalent.</param>
public sealed record AnalysisOptions(string Baseline = Presets.FullPrecision, double Alpha = 0.05, double EquivalenceMarginPoints = 0.5,
    double AboutTolerance = 0.2, int BootstrapIterations = 1000, int Seed = 12345, double EquivalenceMarginPercent = 1.0);

/// <summary>Mean, sd and 95% t-interval of one metric of one preset over seeds.</summary>
/// <param name="NonFinite">completed trials whose value was NaN or ±∞ (an outcome, left out of the statistics).</param>
public sealed record GroupSummary(string Task, string Preset, string Metric, int N, double Mean, double Sd, double CiLow, double CiHigh,
    int NonFinite = 0);

/// <summary>One comparison of a preset (B) against the baseline (A), paired by seed. Diff = mean(B − A).
/// Statistic and effect are oriented the same way (positive: B higher). Seed is set for the per-example tests
/// (mcnemar_exact, bootstrap) that compare the two presets' predictions of one seed.</summary>
/// <param name="Direction">the metric's reading: <c>higher_is_better</c>, <c>lower_is_better</c> or <c>none</c>.</param>
/// <param name="Better">the preset the test finds better (p_holm &lt; α, read with <paramref name="Direction"/>); null when
/// neither is, or the metric has no better side.</param>
public sealed record Comparison(
    string Task, string Metric, string A, string B, string Test, int N,
    double? Statistic, double? P, double? PHolm, string Effect, double? EffectSize,
    double? Diff, double? CiLow, double? CiHigh, string? Note = null, int? Seed = null, string Direction = "none", string? Better = null);

/// <summary>A claim's verdict; the contract spells the values in lower case.</summary>
public enum Verdict
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("supported")] Supported,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("refuted")] Refuted,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("inconclusive")] Inconclusive,
}

/// <summary>A verdict on one of the paper's claims C1–C6, with its evidence in words and numbers.</summary>
/// <param name="Headline">the evidence in one line: the effect with its CI and the test (what summary.md leads with).</param>
/// <param name="Task">the task the claim was judged on (claims are judged per task: accuracy for classification, perplexity
/// for language modelling).</param>
public sealed record ClaimVerdict(string Id, string Text, Verdict Verdict, string Evidence, string Headline = "", string Task = "");

/// <summary>The whole analysis: contract fields <c>groups</c>, <c>comparisons</c>, <c>claims</c>.</summary>
public sealed record AnalysisReport(
    IReadOnlyList<GroupSummary> Groups,
    IReadOnlyList<Comparison> Comparisons,
    IReadOnlyList<ClaimVerdict> Claims);
