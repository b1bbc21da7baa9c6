using System.Text;
using Sweep.Analysis.Claims;
using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis.Reports;

/// <summary>
/// summary.md: per task a table in the layout of the paper's Table 1 (config, method, accuracy, F1, trainable
/// params, memory, time; perplexity for LM tasks) as mean ± sd [95% CI] over seeds, then the significance
/// table (Holm-adjusted), then a verdict per paper claim with its evidence.
/// </summary>
public static class SummaryMarkdown
{
    private sealed record Column(string Metric, string Header, Func<double, double> Scale, int Digits);

    public static string Render(AnalysisReport report, IReadOnlyList<TrialRecord> trials, AnalysisOptions? options = null)
    {
        var table = new ResultTable(trials);
        var sb = new StringBuilder();
        sb.AppendLine("# Sweep study summary").AppendLine();
        sb.AppendLine($"{trials.Count} trials, {table.Completed.Count} completed (only completed trials count). " +
            "Cells: mean ± sd [95% t-interval] over seeds; n = completed seeds.").AppendLine();
        foreach (var task in table.Tasks) Table1(sb, report, table, trials, task);
        Significance(sb, report, options?.Alpha ?? 0.05);
        sb.AppendLine("## Paper claims").AppendLine();
        sb.AppendLine("| id | claim | verdict | evidence |").AppendLine("|---|---|---|---|");
        foreach (var c in report.Claims)
            sb.AppendLine($"| {c.Id} | {Cell(c.Text)} | **{c.Verdict.ToString().ToLowerInvariant()}** | {Cell(c.Evidence)} |");
        return sb.ToString();
    }

    private static void Table1(StringBuilder sb, AnalysisReport report, ResultTable table, IReadOnlyList<TrialRecord> trials, string task)
    {
        var metrics = table.MetricsOf(task);
        var columns = new List<Column>();
        var pts = table.PointsPerUnit(task, MetricNames.Accuracy);
        if (metrics.Contains(MetricNames.Accuracy)) columns.Add(new("accuracy", "Accuracy (%)", v => v * pts, 2));
        if (metrics.Contains(MetricNames.F1)) columns.Add(new("f1", "F1 (%)", v => v * table.PointsPerUnit(task, MetricNames.F1), 2));
        if (metrics.Contains(MetricNames.Perplexity)) columns.Add(new("perplexity", "Perplexity", v => v, 2));
        if (metrics.Contains(MetricNames.EvalLoss) && !metrics.Contains(MetricNames.Accuracy)) columns.Add(new("eval_loss", "Eval loss", v => v, 4));
        columns.Add(new("trainable_params", "Trainable params", v => v, 0));
        columns.Add(new("peak_memory_bytes", "Memory (GiB)", v => v / (1L << 30), 2));
        columns.Add(new("train_seconds", "Time (min)", v => v / 60, 2));

        sb.AppendLine($"## Table 1 — {task}").AppendLine();
        sb.AppendLine("| Config | Method | n | " + string.Join(" | ", columns.Select(c => c.Header)) + " |");
        sb.AppendLine("|---|---|---|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var preset in table.PresetsOf(task))
        {
            var all = trials.Count(t => t.Task == task && t.Preset == preset);
            var done = table.Completed.Count(t => t.Task == task && t.Preset == preset);
            var method = Presets.Find(preset)?.Description ?? "";
            if (method.Length == 0) method = trials.FirstOrDefault(t => t.Task == task && t.Preset == preset && t.Method.Length > 0)?.Method ?? "";
            var cells = columns.Select(c => Summary(report, task, preset, c));
            sb.AppendLine($"| {preset} | {Cell(method)} | {done}/{all} | {string.Join(" | ", cells)} |");
        }
        sb.AppendLine();
    }

    private static string Summary(AnalysisReport report, string task, string preset, Column c)
    {
        var g = report.Groups.FirstOrDefault(x => x.Task == task && x.Preset == preset && x.Metric == c.Metric);
        if (g is null || g.N == 0) return g?.NonFinite > 0 ? $"non-finite ×{g.NonFinite}" : "—";
        string F(double v) => c.Digits == 0 ? Fmt.Int(c.Scale(v)) : Fmt.N(c.Scale(v), c.Digits);
        var text = F(g.Mean);
        if (g.N >= 2)
            text += g.Sd == 0 ? " (same every seed)" : $" ± {(c.Digits == 0 ? Fmt.Int(c.Scale(g.Sd)) : Fmt.N(c.Scale(g.Sd), c.Digits))} [{F(g.CiLow)}, {F(g.CiHigh)}]";
        if (g.NonFinite > 0) text += $" (+{g.NonFinite} non-finite)";
        return text;
    }

    private static void Significance(StringBuilder sb, AnalysisReport report, double alpha)
    {
        sb.AppendLine("## Significance (each preset vs the baseline, paired by seed)").AppendLine();
        sb.AppendLine($"diff = mean(b − a) in the metric's own unit (fractions for accuracy/F1); p_holm: Holm–Bonferroni over the presets " +
            $"(and seeds) compared on the same task, metric and test; * p_holm < {alpha}.").AppendLine();
        sb.AppendLine("| task | metric | a | b | test | seed | n | statistic | p | p_holm | effect | diff [95% CI] | note |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var c in report.Comparisons)
        {
            var star = c.PHolm < alpha ? " *" : "";
            var ci = c.CiLow is null ? "" : $" [{G(c.CiLow)}, {G(c.CiHigh)}]";
            sb.AppendLine($"| {c.Task} | {c.Metric} | {c.A} | {c.B} | {c.Test} | {c.Seed?.ToString() ?? ""} | {c.N} | {G(c.Statistic)} | {Fmt.P(c.P)} | " +
                $"{Fmt.P(c.PHolm)}{star} | {c.Effect} {G(c.EffectSize)} | {G(c.Diff)}{ci} | {Cell(c.Note ?? "")} |");
        }
        sb.AppendLine();
    }

    /// <summary>4 significant digits, plain for ordinary magnitudes.</summary>
    private static string G(double? v) =>
        v is not { } x || double.IsNaN(x) ? "n/a" : x.ToString(Math.Abs(x) >= 1e5 ? "#,0" : "G4", System.Globalization.CultureInfo.InvariantCulture);

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
