using System.Globalization;
using Sweep.Analysis;

namespace Sweep.Client.Commands;

/// <summary>Plain-text view of an analysis for the terminal: per task mean ± sd [95% CI] per preset, the
/// seed-level tests against the baseline, and the claim verdicts. The full detail is in --json / --out.</summary>
public static class AnalysisConsoleView
{
    private static readonly string[] Metrics = ["accuracy", "f1", "perplexity", "trainable_params", "peak_memory_bytes", "train_seconds"];

    public static void Write(TextWriter w, AnalysisReport report, IReadOnlyList<TrialRecord> trials, string baseline)
    {
        var completed = trials.Count(t => t.IsCompleted);
        w.WriteLine($"{trials.Count} trials, {completed} completed (only completed trials count); baseline {baseline}");
        foreach (var task in report.Groups.Select(g => g.Task).Distinct())
        {
            w.WriteLine();
            w.WriteLine($"task {task}: mean ± sd [95% CI] over seeds");
            var metrics = Metrics.Where(m => report.Groups.Any(g => g.Task == task && g.Metric == m)).ToList();
            w.WriteLine($"  {"preset",-9} {"n",3}  " + string.Join("  ", metrics.Select(m => $"{m,-34}")));
            foreach (var preset in report.Groups.Where(g => g.Task == task).Select(g => g.Preset).Distinct())
            {
                var cells = metrics.Select(m => report.Groups.FirstOrDefault(g => g.Task == task && g.Preset == preset && g.Metric == m))
                    .Select(g => $"{Cell(g),-34}");
                var n = report.Groups.Where(g => g.Task == task && g.Preset == preset).Select(g => g.N).DefaultIfEmpty(0).Max();
                w.WriteLine($"  {preset,-9} {n,3}  " + string.Join("  ", cells));
            }
        }
        w.WriteLine();
        w.WriteLine("tests against the baseline (paired by seed; p_holm over the presets of a task and metric):");
        foreach (var c in report.Comparisons.Where(c => c.Test is "paired_t" or "welch_t"))
        {
            var detail = c.P is null
                ? c.Note ?? "no test"
                : $"diff {G(c.Diff)} [{G(c.CiLow)}, {G(c.CiHigh)}], t {G(c.Statistic)}, p {G(c.P)}, p_holm {G(c.PHolm)}, {c.Effect} {G(c.EffectSize)}";
            w.WriteLine($"  {c.Task} {c.Metric,-18} {c.B,-8} vs {c.A,-6} {c.Test,-9} n={c.N,-3} {detail}");
        }
        w.WriteLine();
        w.WriteLine("paper claims:");
        foreach (var claim in report.Claims)
        {
            w.WriteLine($"  {claim.Id} {claim.Verdict.ToString().ToUpperInvariant()}: {claim.Text}");
            w.WriteLine($"     {claim.Evidence}");
        }
    }

    private static string Cell(GroupSummary? g)
    {
        if (g is null || g.N == 0) return "-";
        return g.N < 2 ? $"{G(g.Mean)} (n=1)" : $"{G(g.Mean)} ± {G(g.Sd)} [{G(g.CiLow)}, {G(g.CiHigh)}]";
    }

    private static string G(double? v) =>
        v is not { } x || !double.IsFinite(x) ? "n/a" : x.ToString(Math.Abs(x) >= 1e5 ? "#,0" : "G4", CultureInfo.InvariantCulture);
}
