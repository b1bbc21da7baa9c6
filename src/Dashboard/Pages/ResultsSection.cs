using System.Text;
using Sweep.Analysis;
using Sweep.Analysis.Reports;
using Sweep.Analysis.Study;
using Sweep.Dashboard.Reports;
using Sweep.Grains.Aggregation;
using Sweep.Settings;
using Static = Sweep.Dashboard.Pages.Html;

namespace Sweep.Dashboard.Pages;

/// <summary>
/// A finished sweep's results on its page, from the same analysis as summary.md: downloads, the verdict on each claim,
/// Table 1 (mean ± sd [95% CI] per preset), the compact significance table (the primary test per metric and preset) and
/// the figures.
/// </summary>
public static class ResultsSection
{
    public static string Render(FinishedResults r)
    {
        var id = r.Results.Id;
        var files = $"{Static.ExperimentPath(id)}/files";
        var sb = new StringBuilder("<h2>Results</h2>");
        sb.Append("<p class=\"downloads\">Download: ")
          .Append($"<a href=\"{files}/results.json\" download>results.json</a> · <a href=\"{files}/trials.csv\" download>trials.csv</a> · ")
          .Append($"<a href=\"{files}/summary.md\" download>summary.md</a>")
          .Append(File.Exists(Path.Combine(r.Directory, ReportWriter.SignificanceFile)) ? $" · <a href=\"{files}/significance.csv\" download>significance.csv</a>" : "")
          .Append("</p>");
        Adapters(sb, r);
        foreach (var note in r.Notes) sb.Append($"<p class=\"note\">{Static.E(note)}</p>");
        if (r.Analysis is { } analysis)
        {
            var records = OutcomeRecords.ToRecords(r.Results.Trials);
            var table = new ResultTable(records);
            Verdicts(sb, analysis);
            foreach (var task in table.Tasks) Table1(sb, analysis, table, records, task);
            Significance(sb, analysis, table);
        }
        var figures = r.Figures;
        if (figures.Count > 0)
        {
            sb.Append("<h3>Figures</h3><div id=\"figures\">");
            foreach (var f in figures) sb.Append($"<figure><img src=\"{files}/figures/{Static.U(f)}\" alt=\"{Static.E(f)}\"><figcaption>{Static.E(f)}</figcaption></figure>");
            sb.Append("</div>");
        }
        return sb.ToString();
    }

    private static void Verdicts(StringBuilder sb, AnalysisReport analysis)
    {
        sb.Append("<h3>Verdicts</h3><ul id=\"verdicts\">");
        foreach (var c in analysis.Claims)
        {
            var verdict = c.Verdict.ToString().ToLowerInvariant();
            sb.Append($"<li><strong>{Static.E(c.Id)}</strong> <span class=\"verdict verdict-{verdict}\">{verdict}</span> {Static.E(c.Text)}")
              .Append($"<div class=\"evidence\">{Static.E(c.Headline.Length > 0 ? c.Headline : c.Evidence)}</div></li>");
        }
        sb.Append("</ul>");
    }

    private static void Table1(StringBuilder sb, AnalysisReport analysis, ResultTable table, IReadOnlyList<TrialRecord> trials, string task)
    {
        var metrics = table.MetricsOf(task);
        var shown = new[] { MetricNames.Accuracy, MetricNames.F1, MetricNames.Perplexity }.Where(metrics.Contains).ToList();
        shown.AddRange([MetricNames.TrainableParams, MetricNames.PeakMemoryBytes, MetricNames.TrainSeconds]);
        var units = shown.Select(m => DisplayUnits.Of(table, task, m)).ToList();
        sb.Append($"<h3>Table 1 — {Static.E(task)}</h3><p class=\"caption\">Mean ± sd [95% t-interval] over seeds; n = completed / all trials.</p>")
          .Append("<table class=\"table1\"><thead><tr><th>config</th><th>method</th><th>n</th>")
          .Append(string.Concat(units.Select(u => $"<th>{Static.E(u.Header)}</th>"))).Append("</tr></thead><tbody>");
        foreach (var preset in table.PresetsOf(task))
        {
            var all = trials.Count(t => t.Task == task && t.Preset == preset);
            var done = table.Completed.Count(t => t.Task == task && t.Preset == preset);
            sb.Append($"<tr><td>{Static.E(preset)}</td><td>{Static.E(PrecisionAsRun.Describe(table, task, preset))}</td><td>{done}/{all}</td>");
            for (var i = 0; i < shown.Count; i++)
                sb.Append($"<td>{Static.E(Cell(analysis.Groups.FirstOrDefault(g => g.Task == task && g.Preset == preset && g.Metric == shown[i]), units[i]))}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
    }

    private static string Cell(GroupSummary? g, DisplayUnits.Unit u)
    {
        if (g is null || g.N == 0) return "—";
        string F(double v) => Static.N(v * u.Scale, u.Digits == 0 ? "#,0" : "0." + new string('0', u.Digits));
        return g.N < 2 ? F(g.Mean) : g.Sd == 0 ? $"{F(g.Mean)} (same every seed)" : $"{F(g.Mean)} ± {F(g.Sd)} [{F(g.CiLow)}, {F(g.CiHigh)}]";
    }

    private static void Significance(StringBuilder sb, AnalysisReport analysis, ResultTable table)
    {
        var rows = analysis.Comparisons.Where(SummaryMarkdown.IsPrimary).ToList();
        if (rows.Count == 0) return;
        sb.Append("<h3>Significance</h3><p class=\"caption\">diff = mean(preset − baseline) over paired seeds; p_holm: Holm–Bonferroni per task and metric. Every test is in significance.csv.</p>")
          .Append("<table id=\"significance\"><thead><tr><th>task</th><th>metric</th><th>baseline</th><th>preset</th><th>test</th><th>n</th><th>diff [95% CI]</th><th>effect</th><th>p_holm</th></tr></thead><tbody>");
        foreach (var c in rows)
        {
            var u = DisplayUnits.Of(table, c.Task, c.Metric);
            string F(double v) => (v >= 0 ? "+" : "") + Static.N(v * u.Scale, u.Digits == 0 ? "#,0" : "0." + new string('0', u.Digits));
            var diff = c.Diff is { } d ? F(d) + (c.CiLow is { } lo && c.CiHigh is { } hi ? $" [{F(lo)}, {F(hi)}]" : "") + u.Suffix : c.Note ?? "no test";
            sb.Append($"<tr><td>{Static.E(c.Task)}</td><td>{Static.E(c.Metric)}</td><td>{Static.E(c.A)}</td><td>{Static.E(c.B)}</td><td>{Static.E(c.Test)}</td><td>{c.N}</td>")
              .Append($"<td>{Static.E(diff)}</td><td>{(c.EffectSize is { } e ? $"{Static.E(c.Effect)} {Static.N(e, "0.00")}" : "—")}</td>")
              .Append($"<td>{(c.PHolm is { } p ? Static.N(p, "0.0000") : "—")}</td></tr>");
        }
        sb.Append("</tbody></table>");
    }

    private static void Adapters(StringBuilder sb, FinishedResults r)
    {
        var links = new List<string>();
        foreach (var trial in r.Adapters)
            foreach (var file in AdapterFiles.Names)
                links.Add($"<a href=\"{AdapterFiles.Url(r.Results.Id, trial, file)}\" download>{Static.E(trial)}/{Static.E(file)}</a>");
        if (links.Count > 0) sb.Append("<p class=\"downloads\" id=\"adapters\">Adapters: ").Append(string.Join(" · ", links)).Append("</p>");
    }
}
