using Sweep.Analysis.Statistics;
using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis.Claims;

/// <summary>
/// C1 (fixed-rank beats adaptive), C2 (4-bit keeps quality) and C5 (manual ranks match uniform), tested per seed on the
/// task's quality measure (<see cref="QualityMeasure"/>: accuracy in points, or perplexity as percent reduction, lower
/// perplexity being better), so a positive difference always means the first-named side is better.
/// </summary>
public static class QualityClaims
{
    public const string C1Text = "Fixed-rank LoRA (B-FP, B-Q4, Joint-3) is more accurate than adaptive AdaLoRA (B-Ada, Joint-1, Joint-2) " +
        "(paper: 91.6% vs 88.8%, +2.9 points, called statistically significant from one run each).";
    public const string C2Text = "4-bit quantization keeps accuracy: B-Q4 is equivalent to B-FP (paper: 91.6% both).";
    public const string C5Text = "Manual rank allocation (Joint-3: attention 6, FFN 10) matches uniform fixed rank (B-FP) in accuracy (paper: 91.6% both).";

    /// <summary>C1: paired t on the per-seed gain of mean(fixed) over mean(adaptive); supported when significantly positive,
    /// refuted when significantly negative or equivalent within the margin (TOST).</summary>
    public static ClaimDraft C1(ResultTable table, string task, AnalysisOptions o)
    {
        const string id = "C1";
        var q = QualityMeasure.For(table, task, o);
        if (q is null) return ClaimDraft.Inconclusive(id, C1Text, $"insufficient data: task '{task}' has neither accuracy nor perplexity");
        var fixedBySeed = table.FamilyMeanBySeed(task, Presets.FixedRank, q.Metric);
        var adaptiveBySeed = table.FamilyMeanBySeed(task, Presets.Adaptive, q.Metric);
        if (fixedBySeed.Count == 0 || adaptiveBySeed.Count == 0)
            return ClaimDraft.Inconclusive(id, C1Text, $"insufficient data: task '{task}' has no completed {(fixedBySeed.Count == 0 ? "fixed-rank" : "adaptive")} trials with {q.Metric}");
        var seeds = fixedBySeed.Keys.Where(adaptiveBySeed.ContainsKey).ToArray();
        var d = seeds.Select(s => q.Gain(adaptiveBySeed[s], fixedBySeed[s])).ToArray();
        var means = $"task '{task}': fixed {q.Show(fixedBySeed.Values.Average())} vs adaptive {q.Show(adaptiveBySeed.Values.Average())}";
        if (d.Length < 2)
            return ClaimDraft.Inconclusive(id, C1Text, $"insufficient data: {d.Length} seed(s) with both families; at least 2 are needed ({means})");
        var t = PairedTTest.OneSample(d);
        var diff = Descriptive.Mean(d);
        var (lo, hi) = Descriptive.TInterval(d);
        var tost = EquivalenceTest.Tost(d, q.Margin, o.Alpha);
        var p = double.IsNaN(t.P) ? (diff == 0 ? 1 : 0) : t.P;   // constant differences: the sign is certain
        return new ClaimDraft(id, C1Text, p, pHolm =>
        {
            var ev = $"{means}; test=paired_t on the per-seed {q.Name} of mean(fixed) over mean(adaptive), n={d.Length} seeds, diff={Fmt.Signed(diff)} {q.Unit} " +
                $"[95% CI {Fmt.Signed(lo)}, {Fmt.Signed(hi)}], t={Fmt.N(t.Statistic)}, p={Fmt.P(p)}, p_holm={Fmt.P(pHolm)}, " +
                $"d_z={Fmt.N(EffectSizes.CohensDz(d))}; TOST ±{Fmt.N(q.Margin, 1)} {q.Unit} p={Fmt.P(tost.P)}";
            var headline = $"fixed over adaptive {q.Name} {Fmt.Signed(diff)} {q.Unit} [95% CI {Fmt.Signed(lo)}, {Fmt.Signed(hi)}]; paired_t, n={d.Length} seeds, p_holm={Fmt.P(pHolm)}";
            ClaimVerdict V(Verdict v, string why) => new(id, C1Text, v, why + "; " + ev, why + ": " + headline, task);
            if (pHolm < o.Alpha && diff > 0) return V(Verdict.Supported, $"fixed-rank is significantly better ({q.Metric})");
            if (pHolm < o.Alpha && diff < 0) return V(Verdict.Refuted, $"adaptive is significantly better ({q.Metric})");
            if (tost.Equivalent(o.Alpha)) return V(Verdict.Refuted, "the families are equivalent within the margin");
            return V(Verdict.Inconclusive, "difference not significant after Holm and not shown equivalent");
        });
    }

    public static ClaimDraft C2(ResultTable table, string task, AnalysisOptions o) =>
        Equivalence("C2", C2Text, table, task, Presets.FullPrecision, Presets.FourBit, o);

    public static ClaimDraft C5(ResultTable table, string task, AnalysisOptions o) =>
        Equivalence("C5", C5Text, table, task, Presets.FullPrecision, Presets.ManualRanks, o);

    /// <summary>TOST of the per-seed gain of b over a within ±margin, paired by seed: supported when equivalent, refuted
    /// when the 90% CI lies wholly outside the margin, inconclusive otherwise.</summary>
    private static ClaimDraft Equivalence(string id, string text, ResultTable table, string task, string a, string b, AnalysisOptions o)
    {
        var q = QualityMeasure.For(table, task, o);
        if (q is null) return ClaimDraft.Inconclusive(id, text, $"insufficient data: task '{task}' has neither accuracy nor perplexity");
        var (_, av, bv) = table.Paired(task, a, b, q.Metric);
        if (av.Length < 2)
            return ClaimDraft.Inconclusive(id, text, $"insufficient data: task '{task}' has {av.Length} seed(s) with {q.Metric} for both {a} and {b}; at least 2 are needed");
        var d = av.Zip(bv, q.Gain).ToArray();
        var m = q.Margin;
        var tost = EquivalenceTest.Tost(d, m, o.Alpha);
        var t = PairedTTest.OneSample(d);
        var (lo, hi) = Descriptive.TInterval(d);
        return new ClaimDraft(id, text, tost.P, pHolm =>
        {
            var ev = $"task '{task}': {a} {q.Show(av.Average())} vs {b} {q.Show(bv.Average())}; test=tost (paired, margin ±{Fmt.N(m, 1)} {q.Unit}), " +
                $"n={d.Length} seeds, diff={Fmt.Signed(tost.Diff)} {q.Unit} [90% CI {Fmt.Signed(tost.CiLow)}, {Fmt.Signed(tost.CiHigh)}; 95% CI {Fmt.Signed(lo)}, {Fmt.Signed(hi)}], " +
                $"p_tost={Fmt.P(tost.P)}, p_holm={Fmt.P(pHolm)}, d_z={Fmt.N(EffectSizes.CohensDz(d))}; paired_t p={Fmt.P(t.P)}";
            var headline = $"{b} over {a} {q.Name} {Fmt.Signed(tost.Diff)} {q.Unit} [90% CI {Fmt.Signed(tost.CiLow)}, {Fmt.Signed(tost.CiHigh)}]; " +
                $"tost ±{Fmt.N(m, 1)} {q.Unit}, n={d.Length} seeds, p_holm={Fmt.P(pHolm)}";
            ClaimVerdict V(Verdict v, string why) => new(id, text, v, why + "; " + ev, why + ": " + headline, task);
            if (pHolm < o.Alpha) return V(Verdict.Supported, "equivalent within the margin");
            if (tost.CiHigh < -m || tost.CiLow > m) return V(Verdict.Refuted, "the difference lies outside the margin");
            return V(Verdict.Inconclusive, "neither equivalence nor a difference beyond the margin is shown");
        });
    }
}
