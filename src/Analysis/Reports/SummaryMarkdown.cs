using System.Globalization;
using System.Text;
using Sweep.Analysis.Claims;
using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis.Reports;

/// <summary>
/// summary.md, for a person reading top to bottom: the verdict on each paper claim in one line (verdict, effect with
/// CI, test); per task a table in the layout of the paper's Table 1 (mean ± sd [95% CI] over seeds); then a compact
/// significance table — the primary test per metric and preset (paired t, or Welch when seeds do not pair),
/// Holm-adjusted, with effect and CI. Metrics that do not vary over seeds are reported, not tested. Every test of
/// every metric is in significance.csv beside this file.
/// </summary>
public static class SummaryMarkdown
{
    /// <summary>The tests the compact table shows: one per (task, metric, preset).</summary>
    public static bool IsPrimary(Comparison c) => c.Test is "paired_t" or "welch_t" && c.Seed is null;

    public static string Render(AnalysisReport report, IReadOnlyList<TrialRecord> trials, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        var table = new ResultTable(trials);
        var sb = new StringBuilder();
        sb.AppendLine("# Sweep study summary").AppendLine();
        sb.AppendLine($"{trials.Count} trials, {table.Completed.Count} completed (only completed trials count); baseline {options.Baseline}; α = {Num(options.Alpha)}.").AppendLine();
        Claims(sb, report, table);
        foreach (var task in table.Tasks) Table1(sb, report, table, trials, task);
        Significance(sb, report, table, options);
        return sb.ToString();
    }

    private static void Claims(StringBuilder sb, AnalysisReport report, ResultTable table)
    {
        sb.AppendLine("## Paper claims").AppendLine();
        var byTask = report.Claims.GroupBy(c => c.Task).ToList();
        foreach (var group in byTask)
        {
            if (byTask.Count > 1 || table.Tasks.Count > 1)
                sb.AppendLine($"### {group.Key} — {QualityReading(table, group.Key)}").AppendLine();
            foreach (var c in group)
            {
                var verdict = c.Verdict.ToString().ToLowerInvariant();
                sb.AppendLine($"- **{c.Id} {verdict}** — {c.Text} *{(c.Headline.Length > 0 ? c.Headline : c.Evidence)}.*");
            }
            sb.AppendLine();
        }
        sb.AppendLine("Full evidence per claim: `analysis.claims[].evidence` in results.json.").AppendLine();
    }

    private static string QualityReading(ResultTable table, string task) =>
        table.MetricsOf(task).Contains(MetricNames.Accuracy) ? "judged by accuracy (higher is better)"
        : table.MetricsOf(task).Contains(MetricNames.Perplexity) ? "judged by perplexity (lower is better)"
        : "no quality metric";

    private static void Table1(StringBuilder sb, AnalysisReport report, ResultTable table, IReadOnlyList<TrialRecord> trials, string task)
    {
        var metrics = table.MetricsOf(task);
        var shown = new List<string>();
        foreach (var m in new[] { MetricNames.Accuracy, MetricNames.F1, MetricNames.PerplexityBefore, MetricNames.Perplexity })
            if (metrics.Contains(m)) shown.Add(m);
        if (metrics.Contains(MetricNames.EvalLoss) && !metrics.Contains(MetricNames.Accuracy)) shown.Add(MetricNames.EvalLoss);
        shown.AddRange([MetricNames.TrainableParams, MetricNames.PeakMemoryBytes, MetricNames.TrainSeconds]);
        if (metrics.Contains(MetricNames.TokensPerSecond)) shown.Add(MetricNames.TokensPerSecond);
        var units = shown.Select(m => DisplayUnits.Of(table, task, m)).ToList();

        sb.AppendLine($"## Table 1 — {task}").AppendLine();
        sb.AppendLine("Mean ± sd [95% t-interval] over seeds; n = completed / all trials; ↑ higher is better, ↓ lower is better.").AppendLine();
        sb.AppendLine("| Config | Method | n | " + string.Join(" | ", units.Select(u => u.Header)) + " |");
        sb.AppendLine("|---|---|---|" + string.Concat(units.Select(_ => "---|")));
        foreach (var preset in table.PresetsOf(task))
        {
            var all = trials.Count(t => t.Task == task && t.Preset == preset);
            var done = table.Completed.Count(t => t.Task == task && t.Preset == preset);
            var method = PrecisionAsRun.Describe(table, task, preset);
            if (method.Length == 0) method = trials.FirstOrDefault(t => t.Task == task && t.Preset == preset && t.Method.Length > 0)?.Method ?? "";
            var cells = shown.Select((m, i) => Cell(report.Groups.FirstOrDefault(g => g.Task == task && g.Preset == preset && g.Metric == m), units[i]));
            sb.AppendLine($"| {preset} | {Escape(method)} | {done}/{all} | {string.Join(" | ", cells)} |");
        }
        sb.AppendLine();
    }

    private static string Cell(GroupSummary? g, DisplayUnits.Unit u)
    {
        if (g is null || g.N == 0) return g?.NonFinite > 0 ? $"non-finite ×{g.NonFinite}" : "—";
        string F(double v) => Value(v, u);
        var text = F(g.Mean);
        if (g.N >= 2)
            text += g.Sd == 0 ? " (same every seed)" : $" ± {F(g.Sd)} [{F(g.CiLow)}, {F(g.CiHigh)}]";
        if (g.NonFinite > 0) text += $" (+{g.NonFinite} non-finite)";
        return text;
    }

    private static void Significance(StringBuilder sb, AnalysisReport report, ResultTable table, AnalysisOptions options)
    {
        sb.AppendLine($"## Significance against {options.Baseline}").AppendLine();
        sb.AppendLine("diff = mean(preset − baseline) over paired seeds, in the unit shown; effect: Cohen's d_z (paired t) or Hedges' g (Welch); " +
            $"p_holm: Holm–Bonferroni over the presets compared on the same task and metric; * p_holm < {Num(options.Alpha)}; " +
            "better: the preset the test finds better, read in the metric's direction (lower perplexity, loss, memory and time are better). " +
            "Every test (Wilcoxon, sign-flip, ASO, McNemar, bootstrap) is in significance.csv.").AppendLine();
        foreach (var task in table.Tasks)
        {
            var rows = report.Comparisons.Where(c => c.Task == task && IsPrimary(c)).ToList();
            var untested = table.MetricsOf(task).Where(m => MetricNames.Compared.Contains(m) && table.IsDeterministic(task, m)).ToList();
            if (rows.Count == 0 && untested.Count == 0) continue;
            if (table.Tasks.Count > 1) sb.AppendLine($"### {task}").AppendLine();
            if (rows.Count > 0)
            {
                sb.AppendLine("| metric | preset | test | n | diff [95% CI] | effect | p_holm | better |");
                sb.AppendLine("|---|---|---|---|---|---|---|---|");
                foreach (var c in rows)
                {
                    var u = DisplayUnits.Of(table, task, c.Metric);
                    var diff = c.Diff is null ? Escape(c.Note ?? "no test") : Signed(c.Diff.Value, u) + (c.CiLow is null ? "" : $" [{Signed(c.CiLow.Value, u)}, {Signed(c.CiHigh!.Value, u)}]") + u.Suffix;
                    var star = c.PHolm < options.Alpha ? " *" : "";
                    sb.AppendLine($"| {c.Metric} | {c.B} | {c.Test} | {c.N} | {diff} | {(c.EffectSize is { } e ? $"{c.Effect} {Num(e)}" : "—")} | {Fmt.P(c.PHolm)}{star} | {c.Better ?? "—"} |");
                }
                sb.AppendLine();
            }
            if (untested.Count > 0)
                sb.AppendLine($"Not tested (the same value on every seed, so a test says nothing; see Table 1): {string.Join(", ", untested)}.").AppendLine();
        }
    }

    private static string Value(double v, DisplayUnits.Unit u) => u.Digits == 0 ? Fmt.Int(v * u.Scale) : Fmt.N(v * u.Scale, u.Digits);

    private static string Signed(double v, DisplayUnits.Unit u) => u.Digits == 0 ? (v >= 0 ? "+" : "") + Fmt.Int(v * u.Scale) : Fmt.Signed(v * u.Scale, u.Digits);

    /// <summary>3 significant digits, plain for ordinary magnitudes.</summary>
    private static string Num(double v) =>
        !double.IsFinite(v) ? "n/a" : v.ToString(Math.Abs(v) >= 1e4 ? "#,0" : "G3", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
