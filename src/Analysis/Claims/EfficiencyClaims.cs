using Sweep.Analysis.Statistics;
using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis.Claims;

/// <summary>C3 (4-bit cuts peak memory by about a quarter), C4 (adaptive takes about 81% longer), C6 (adaptive needs more trainable parameters).</summary>
public static class EfficiencyClaims
{
    public const double PaperMemoryReduction = 0.248;
    public const double PaperAdaptiveSlowdown = 0.81;
    public const string C3Text = "4-bit quantization cuts peak training memory by about a quarter (paper: 17.3 → 13.0 GB, −24.8%).";
    public const string C4Text = "Adaptive methods take about 81% longer to train than fixed-rank ones (paper: 47.4 vs 26.1 min).";
    public const string C6Text = "Adaptive methods need more trainable parameters than fixed-rank ones (paper: 2,011,502 vs 1,340,930).";

    /// <summary>Per seed r = 1 − memory(B-Q4)/memory(B-FP).</summary>
    public static ClaimDraft C3(ResultTable table, string task, AnalysisOptions o)
    {
        var (_, fp, q4) = table.Paired(task, Presets.FullPrecision, Presets.FourBit, MetricNames.PeakMemoryBytes);
        var r = fp.Zip(q4, (f, q) => 1 - q / f).ToArray();
        var what = $"task '{task}': peak memory {Presets.FullPrecision} {Gib(fp)} GiB → {Presets.FourBit} {Gib(q4)} GiB";
        return About("C3", C3Text, r, PaperMemoryReduction, "per-seed reduction 1 − mem(B-Q4)/mem(B-FP)", "peak memory reduction", what, o);
    }

    /// <summary>Per seed r = mean time(adaptive)/mean time(fixed) − 1.</summary>
    public static ClaimDraft C4(ResultTable table, string task, AnalysisOptions o)
    {
        var fixedT = table.FamilyMeanBySeed(task, Presets.FixedRank, MetricNames.TrainSeconds);
        var adaptT = table.FamilyMeanBySeed(task, Presets.Adaptive, MetricNames.TrainSeconds);
        var seeds = fixedT.Keys.Where(adaptT.ContainsKey).ToArray();
        var r = seeds.Select(s => adaptT[s] / fixedT[s] - 1).ToArray();
        var what = $"task '{task}': train time fixed {Fmt.N(Mean(fixedT.Values) / 60, 2)} min vs adaptive {Fmt.N(Mean(adaptT.Values) / 60, 2)} min";
        return About("C4", C4Text, r, PaperAdaptiveSlowdown, "per-seed slowdown mean t(adaptive)/mean t(fixed) − 1", "adaptive training-time increase", what, o);
    }

    /// <summary>"About X": supported when the 90% CI of r lies within X·(1 ± tolerance) (TOST), refuted when the
    /// 95% CI misses that band entirely, inconclusive otherwise.</summary>
    private static ClaimDraft About(string id, string text, double[] r, double claimed, string measure, string effect, string what, AnalysisOptions o)
    {
        if (r.Length < 2)
            return ClaimDraft.Inconclusive(id, text, $"insufficient data: {r.Length} seed(s) measured for both sides; at least 2 are needed ({what})");
        var (bandLo, bandHi) = (claimed * (1 - o.AboutTolerance), claimed * (1 + o.AboutTolerance));
        var tost = EquivalenceTest.Tost(r, bandLo, bandHi, o.Alpha);
        var mean = Descriptive.Mean(r);
        var (lo, hi) = Descriptive.TInterval(r);
        if (Descriptive.Sd(r) == 0) (lo, hi) = (mean, mean);
        return new ClaimDraft(id, text, tost.P, pHolm =>
        {
            var ev = $"{what}; test=tost of the {measure} inside [{Fmt.Pct(bandLo)}, {Fmt.Pct(bandHi)}] (paper {Fmt.Pct(claimed)} ± {Fmt.N(o.AboutTolerance * 100, 0)}% relative), " +
                $"n={r.Length} seeds, effect (relative change) {Fmt.Pct(mean)} [95% CI {Fmt.Pct(lo)}, {Fmt.Pct(hi)}; 90% CI {Fmt.Pct(tost.CiLow)}, {Fmt.Pct(tost.CiHigh)}], " +
                $"p_tost={Fmt.P(tost.P)}, p_holm={Fmt.P(pHolm)}";
            var headline = $"{effect} {Fmt.Pct(mean)} [95% CI {Fmt.Pct(lo)}, {Fmt.Pct(hi)}] (claimed {Fmt.Pct(claimed)}); " +
                $"tost inside [{Fmt.Pct(bandLo)}, {Fmt.Pct(bandHi)}], n={r.Length} seeds, p_holm={Fmt.P(pHolm)}";
            ClaimVerdict V(Verdict v, string why) => new(id, text, v, why + "; " + ev, why + ": " + headline);
            if (pHolm < o.Alpha) return V(Verdict.Supported, "the effect is about the claimed size");
            if (hi < bandLo || lo > bandHi) return V(Verdict.Refuted, $"the effect is {(hi < bandLo ? "smaller" : "larger")} than claimed");
            return V(Verdict.Inconclusive, "too uncertain to place the effect inside or outside the claimed band");
        });
    }

    /// <summary>Trainable parameters do not depend on the seed: compare the per-preset counts directly.</summary>
    public static ClaimDraft C6(ResultTable table, string task, AnalysisOptions o)
    {
        const string id = "C6";
        double? Count(string p) => table.Finite(task, p, MetricNames.TrainableParams) is { Count: > 0 } v ? v.Values.Average() : null;
        var fixedP = Presets.FixedRank.Select(p => (p, Count(p))).Where(x => x.Item2 is not null).ToList();
        var adaptP = Presets.Adaptive.Select(p => (p, Count(p))).Where(x => x.Item2 is not null).ToList();
        if (fixedP.Count == 0 || adaptP.Count == 0)
            return ClaimDraft.Inconclusive(id, C6Text, $"insufficient data: task '{task}' has no trainable_params for any {(fixedP.Count == 0 ? "fixed-rank" : "adaptive")} preset");
        string List(IEnumerable<(string P, double? N)> xs) => string.Join(", ", xs.Select(x => $"{x.P} {Fmt.Int(x.N)}"));
        var fixedMax = fixedP.Max(x => x.Item2!.Value);
        var fixedMin = fixedP.Min(x => x.Item2!.Value);
        var adaptMin = adaptP.Min(x => x.Item2!.Value);
        var adaptMax = adaptP.Max(x => x.Item2!.Value);
        var ratio = adaptP.Average(x => x.Item2!.Value) / fixedP.Average(x => x.Item2!.Value) - 1;
        var ev = $"task '{task}': test=none (parameter counts are deterministic, identical across seeds); fixed: {List(fixedP)}; adaptive: {List(adaptP)}; " +
            $"adaptive mean {Fmt.Signed(100 * ratio, 1)}% vs fixed mean";
        var headline = $"adaptive trainable parameters {Fmt.Signed(100 * ratio, 1)}% vs fixed (adaptive {Fmt.Int(adaptMin)}–{Fmt.Int(adaptMax)}, " +
            $"fixed {Fmt.Int(fixedMin)}–{Fmt.Int(fixedMax)}); no test: counts do not vary with the seed";
        ClaimVerdict V(Verdict v, string why) => new(id, C6Text, v, why + "; " + ev, why + ": " + headline);
        return new ClaimDraft(id, C6Text, double.NaN, _ =>
            adaptMin > fixedMax ? V(Verdict.Supported, "every adaptive preset trains more parameters than every fixed-rank one")
            : adaptMax <= fixedMin ? V(Verdict.Refuted, "no adaptive preset trains more parameters than any fixed-rank one")
            : V(Verdict.Inconclusive, "the families overlap"));
    }

    private static string Gib(double[] bytes) => Fmt.N(bytes.Length == 0 ? double.NaN : bytes.Average() / (1L << 30), 2);
    private static double Mean(IEnumerable<double> x) => x.DefaultIfEmpty(double.NaN).Average();
}
