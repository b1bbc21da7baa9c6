using Sweep.Analysis.Statistics;
using Sweep.Analysis.Study;

namespace Sweep.Analysis.Claims;

/// <summary>
/// Verdicts on the paper's claims C1–C6. All claims are judged on one task: the classification task
/// (has accuracy) with the most completed trials, as the paper's Table 1 is SST-2. Holm–Bonferroni runs over
/// the primary p-values of the claims that have a test.
/// </summary>
public static class PaperClaims
{
    public static List<ClaimVerdict> Evaluate(ResultTable table, AnalysisOptions options)
    {
        var task = table.PrimaryTask();
        if (task is null)
            return new[] { ("C1", AccuracyClaims.C1Text), ("C2", AccuracyClaims.C2Text), ("C3", EfficiencyClaims.C3Text),
                    ("C4", EfficiencyClaims.C4Text), ("C5", AccuracyClaims.C5Text), ("C6", EfficiencyClaims.C6Text) }
                .Select(c => new ClaimVerdict(c.Item1, c.Item2, Verdict.Inconclusive, "insufficient data: no completed trials", "insufficient data: no completed trials")).ToList();
        ClaimDraft[] drafts =
        [
            AccuracyClaims.C1(table, task, options),
            AccuracyClaims.C2(table, task, options),
            EfficiencyClaims.C3(table, task, options),
            EfficiencyClaims.C4(table, task, options),
            AccuracyClaims.C5(table, task, options),
            EfficiencyClaims.C6(table, task, options),
        ];
        var adjusted = HolmBonferroni.Adjust(drafts.Select(d => d.P).ToArray());
        return drafts.Select((d, i) => d.Decide(adjusted[i])).ToList();
    }
}
