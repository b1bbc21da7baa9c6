using System.Globalization;
using System.Text;
using Sweep.Grains.Interfaces;

namespace Sweep.ResultFiles;

/// <summary>The "Seeds on demand" section of <c>summary.md</c>: the design, then one row per comparison and its looks.</summary>
public static class SequentialMarkdown
{
    public static string Render(SequentialJson.Report r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("## Seeds on demand").AppendLine();
        var margin = r.EquivalenceMargin is { } m ? string.Create(inv, $", equivalence margin ±{m}") : "";
        sb.AppendLine(string.Create(inv, $"Design: {r.Method}, two-sided α = {r.Alpha:0.###}, looks at {string.Join(", ", r.LookSeeds)} seeds{margin}."));
        sb.AppendLine(r.Done
            ? string.Create(inv, $"Trials: {r.TrialsScheduled} run of {r.TrialsAtMax} with {r.LookSeeds[^1]} seeds everywhere — " +
                $"{r.TrialsSaved} saved ({(r.TrialsAtMax == 0 ? 0 : 100.0 * r.TrialsSaved / r.TrialsAtMax):0}%).")
            : string.Create(inv, $"Trials: {r.TrialsScheduled} asked for so far of up to {r.TrialsAtMax}; the sweep stopped at look " +
                $"{r.CurrentLook} of {r.Looks} before every comparison was decided, so no saving is claimed.")).AppendLine();
        sb.AppendLine("| task | comparison | metric | look | seeds | decision | boundary crossed | trials saved | z per look (boundary) |");
        sb.AppendLine("|---|---|---|---:|---:|---|---|---:|---|");
        foreach (var c in r.Comparisons)
        {
            var looks = string.Join("; ", c.History.Select(l => double.IsNaN(l.Z)
                ? $"{l.Seeds}: –"
                : string.Create(inv, $"{l.Seeds}: {l.Z:0.00} ({l.Boundary:0.00})")));
            sb.AppendLine($"| {c.Task} | {c.Preset} vs {c.Baseline} | {c.Metric} | {c.Look} of {c.Looks} | {c.Seeds} | {c.Decision} | " +
                $"{c.BoundaryCrossed ?? "–"} | {c.TrialsSaved} | {looks} |");
        }
        sb.AppendLine().AppendLine("z is the paired t statistic on the normal scale; a comparison stops when |z| reaches its look's boundary " +
            "(efficacy), when a TOST at the look's α share shows the difference inside the margin (equivalence), or at the last look.");
        return sb.ToString();
    }
}
