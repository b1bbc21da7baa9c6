using Sweep.Analysis.Claims;
using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis;

/// <summary>
/// Front door of the analysis (pure: no I/O): groups (mean, sd, 95% CI over seeds), comparisons of every
/// preset against the baseline per task and metric (paired by seed, Holm per family; McNemar and bootstrap
/// on per-example predictions where present) and verdicts on the paper's claims C1–C6.
/// Only <c>Completed</c> trials count.
/// </summary>
public static class StudyAnalyzer
{
    /// <exception cref="AnalysisInputException">the baseline preset does not occur in the trials.</exception>
    public static AnalysisReport Analyze(IReadOnlyList<TrialRecord> trials, AnalysisOptions options)
    {
        var present = trials.Select(t => t.Preset).Distinct().OrderBy(Presets.Order).ThenBy(p => p, StringComparer.Ordinal).ToList();
        if (trials.Count > 0 && !present.Contains(options.Baseline))
            throw new AnalysisInputException($"baseline preset '{options.Baseline}' does not occur in the trials; presets present: {string.Join(", ", present)}");
        if (options.Alpha is <= 0 or >= 1)
            throw new AnalysisInputException($"alpha must lie in (0, 1), got {options.Alpha}");
        var table = new ResultTable(trials);
        return new AnalysisReport(GroupSummaries.Build(table), Comparisons.Build(table, options), PaperClaims.Evaluate(table, options));
    }
}
