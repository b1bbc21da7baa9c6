using System.Globalization;
using Sweep.Analysis;

namespace Sweep.Client.Commands;

/// <summary>Plain-text view of an analysis for the terminal: per task mean ± sd [95% CI] per preset, the
/// seed-level tests against the baseline, and the claim verdicts. The full detail is in --json / --out.
/// n is the number of completed trials of the preset; a cell whose metric has fewer finite values says how many it used
/// and how many were NaN/±∞ (left out of mean, sd, CI and tests), and a note under the table lists those groups.</summary>
public static class AnalysisConsoleView
{
    private static readonly string[] Metrics = ["accuracy", "f1", "perplexity", "trainable_params", "peak_memory_bytes", "train_seconds"];

    /// <summary>Column header and the factor from stored units to shown units.</summary>
    private static (string Header, double Scale) Unit(string metric, IEnumerable<GroupSummary> groups) => metric switch
    {
        "accuracy" or "f1" when groups.All(g => !double.IsFinite(g.Mean) || Math.Abs(g.Mean) <= 1) => (metric + " (%)", 100),
        "peak_memory_bytes" => ("peak memory (GiB)", 1.0 / (1L << 30)),
        "train_seconds" => ("train time (min)", 1.0 / 60),
        _ => (metric, 1),
    };

    public static void Write(TextWriter w, AnalysisReport report, IReadOnlyList<TrialRecord> trials, string baseline)
    {
        var completed = trials.Count(t => t.IsCompleted);
        var completedPerGroup = trials.Where(t => t.IsCompleted).CountBy(t => (t.Task, t.Preset)).ToDictionary();
        w.WriteLine($"{trials.Count} trials, {completed} completed (only completed trials count); baseline {baseline}");
        foreach (var task in report.Groups.Select(g => g.Task).Distinct())
        {
            w.WriteLine();
            w.WriteLine($"task {task}: mean ± sd [95% CI] over seeds");
            var metrics = Metrics.Where(m => report.Groups.Any(g => g.Task == task && g.Metric == m)).ToList();
            var units = metrics.Select(m => Unit(m, report.Groups.Where(g => g.Task == task && g.Metric == m))).ToList();
            w.WriteLine($"  {"preset",-9} {"n",3}  " + string.Join("  ", units.Select(u => $"{u.Header,-30}")));
            foreach (var preset in report.Groups.Where(g => g.Task == task).Select(g => g.Preset).Distinct())
            {
                var n = completedPerGroup.GetValueOrDefault((task, preset));
                var cells = metrics.Select((m, i) => $"{Cell(report.Groups.FirstOrDefault(g => g.Task == task && g.Preset == preset && g.Metric == m), units[i].Scale, n),-30}");
                w.WriteLine($"  {preset,-9} {n,3}  " + string.Join("  ", cells));
            }
        }
        var nonFinite = report.Groups.Where(g => g.NonFinite > 0).ToList();
        if (nonFinite.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("non-finite values (NaN/±∞) are outcomes, left out of mean, sd, CI and tests:");
            foreach (var g in nonFinite)
                w.WriteLine($"  {g.Task} {g.Preset} {g.Metric}: {g.NonFinite} of {g.N + g.NonFinite} completed trials non-finite; statistics over the other {g.N}");
        }
        w.WriteLine();
        w.WriteLine("tests against the baseline (diff = b − a in stored units, paired by seed; p_holm over the presets of a task and metric):");
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

    private static string Cell(GroupSummary? g, double k, int completed)
    {
        if (g is null || g.N == 0) return g?.NonFinite > 0 ? $"non-finite ×{g.NonFinite}" : "-";
        var text = g.N < 2 ? $"{G(g.Mean * k)}"
            : g.Sd == 0 ? $"{G(g.Mean * k)} (every seed)" : $"{G(g.Mean * k)} ± {G(g.Sd * k)} [{G(g.CiLow * k)}, {G(g.CiHigh * k)}]";
        if (g.NonFinite > 0) return text + $" (n={g.N}, +{g.NonFinite} non-finite)";
        return g.N < 2 || g.N != completed ? text + $" (n={g.N})" : text;
    }

    private static string G(double? v) =>
        v is not { } x || !double.IsFinite(x) ? "n/a" : x.ToString(Math.Abs(x) >= 1e5 ? "#,0" : "G4", CultureInfo.InvariantCulture);
}
