using System.Text;
using Sweep.Grains.Interfaces;

namespace Sweep.ResultFiles;

/// <summary>summary.md when the analysis cannot run: why, and every trial with its state and error.</summary>
public static class FallbackSummary
{
    public static string Render(ExperimentResults r, string reason)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {r.Spec?.Name ?? r.Id}");
        sb.AppendLine();
        sb.AppendLine($"Experiment `{r.Id}`: {r.State}. Trials: " +
            string.Join(", ", r.Trials.GroupBy(t => t.State).Select(g => $"{g.Count()} {g.Key}")) + ".");
        sb.AppendLine();
        sb.AppendLine($"No analysis: {reason}.");
        sb.AppendLine();
        foreach (var t in r.Trials) sb.AppendLine($"- `{t.Id}`: {t.State}{(t.Error is null ? "" : " — " + t.Error)}");
        return sb.ToString();
    }
}
