namespace Sweep.Analysis;

/// <summary>Options of one analysis run (DESIGN.md, "Analysis output").</summary>
public sealed record AnalysisOptions(string Baseline = "B-FP", double Alpha = 0.05, double EquivalenceMarginPoints = 0.5);

/// <summary>Mean, sd and 95% t-interval of one metric of one preset over seeds.</summary>
public sealed record GroupSummary(string Task, string Preset, string Metric, int N, double Mean, double Sd, double CiLow, double CiHigh);

/// <summary>One comparison of a preset (B) against the baseline (A), paired by seed. Diff = mean(B − A).</summary>
public sealed record Comparison(
    string Task, string Metric, string A, string B, string Test, int N,
    double? Statistic, double? P, double? PHolm, string Effect, double? EffectSize,
    double? Diff, double? CiLow, double? CiHigh, string? Note = null);

public enum Verdict { Supported, Refuted, Inconclusive }

/// <summary>A verdict on one of the paper's claims C1–C6, with its evidence in words and numbers.</summary>
public sealed record ClaimVerdict(string Id, string Text, Verdict Verdict, string Evidence);

/// <summary>The whole analysis: contract fields <c>groups</c>, <c>comparisons</c>, <c>claims</c>.</summary>
public sealed record AnalysisReport(
    IReadOnlyList<GroupSummary> Groups,
    IReadOnlyList<Comparison> Comparisons,
    IReadOnlyList<ClaimVerdict> Claims);
