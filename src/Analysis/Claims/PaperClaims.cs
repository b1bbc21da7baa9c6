using Sweep.Analysis.Statistics;
using Sweep.Analysis.Study;

namespace Sweep.Analysis.Claims;

/// <summary>
/// Verdicts on the paper's claims C1–C6, judged on every task: classification tasks (the paper's Table 1 is SST-2) by
/// accuracy, language-modelling tasks by perplexity (lower is better). The primary task (<see cref="ResultTable.PrimaryTask"/>)
/// comes first, then the others in name order; each verdict names its task. Holm–Bonferroni runs per task over the
/// primary p-values of the claims that have a test.
/// </summary>
public static class PaperClaims
{
    public static List<ClaimVerdict> Evaluate(ResultTable table, AnalysisOptions options)
    {
        var primary = table.PrimaryTask();
        if (primary is null)
            return new[] { ("C1", QualityClaims.C1Text), ("C2", QualityClaims.C2Text), ("C3", EfficiencyClaims.C3Text),
                    ("C4", EfficiencyClaims.C4Text), ("C5", QualityClaims.C5Text), ("C6", EfficiencyClaims.C6Text) }
                .Select(c => new ClaimVerdict(c.Item1, c.Item2, Verdict.Inconclusive, "insufficient data: no completed trials", "insufficient data: no completed trials")).ToList();
        var tasks = table.Tasks.Where(t => t != primary).Prepend(primary);
        return tasks.SelectMany(t => ForTask(table, t, options)).ToList();
    }

    private static IEnumerable<ClaimVerdict> ForTask(ResultTable table, string task, AnalysisOptions options)
    {
        ClaimDraft[] drafts =
        [
            QualityClaims.C1(table, task, options),
            QualityClaims.C2(table, task, options),
            EfficiencyClaims.C3(table, task, options),
            EfficiencyClaims.C4(table, task, options),
            QualityClaims.C5(table, task, options),
            EfficiencyClaims.C6(table, task, options),
        ];
        var adjusted = HolmBonferroni.Adjust(drafts.Select(d => d.P).ToArray());
        return drafts.Select((d, i) => d.Decide(adjusted[i]) with { Task = task });
    }
}
