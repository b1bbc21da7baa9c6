using System.Globalization;
using System.Text;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Results;

/// <summary>
/// Writes a sweep's results into a directory: results.json, trials.csv, summary.md, figures/.
/// SEAM: summary.md and figures/ come from the analysis library's <c>ReportWriter</c> when it is merged; until then
/// summary.md lists the trials by state and mean ± sd of accuracy (or perplexity) per preset, and figures/ stays empty.
/// </summary>
public static class ResultsWriter
{
    public static IReadOnlyList<string> Write(string dir, ExperimentResults results, string? analysisJson)
    {
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, "figures"));
        var json = Path.Combine(dir, "results.json");
        var csv = Path.Combine(dir, "trials.csv");
        var summary = Path.Combine(dir, "summary.md");
        File.WriteAllText(json, ResultsJson.Serialize(results, analysisJson));
        TrialsCsvFile.Write(results.Trials, csv);
        File.WriteAllText(summary, Summary(results));
        return [json, csv, summary, Path.Combine(dir, "figures")];
    }

    private static string Summary(ExperimentResults r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {r.Spec?.Name ?? r.Id}");
        sb.AppendLine();
        sb.AppendLine($"Experiment `{r.Id}`: {r.State}. Trials: " +
            string.Join(", ", r.Trials.GroupBy(t => t.State).Select(g => $"{g.Count()} {g.Key}")) + ".");
        sb.AppendLine();
        sb.AppendLine("| task | preset | metric | n | mean | sd |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var g in r.Trials.Where(t => t.State == TrialStatus.Completed).GroupBy(t => (t.Task, t.Preset)))
        {
            var metric = g.Any(t => t.Metrics.ContainsKey("accuracy")) ? "accuracy" : "perplexity";
            var values = g.Select(t => t.Metrics.GetValueOrDefault(metric, double.NaN)).Where(double.IsFinite).ToList();
            if (values.Count == 0) continue;
            var mean = values.Average();
            var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {g.Key.Task} | {g.Key.Preset} | {metric} | {values.Count} | {mean:0.0000} | {sd:0.0000} |"));
        }
        var failed = r.Trials.Where(t => t.State != TrialStatus.Completed).ToList();
        if (failed.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Trials that did not complete");
            foreach (var t in failed) sb.AppendLine($"- `{t.Id}`: {t.State} — {t.Error}");
        }
        return sb.ToString();
    }
}
