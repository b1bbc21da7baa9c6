using Sweep.Analysis.Statistics;
using Sweep.Settings;

namespace Sweep.Analysis.Study;

/// <summary>
/// Tests of one preset (B) against the baseline (A) on one metric over seeds: paired t (d_z), Wilcoxon
/// signed-rank (rank-biserial), exact sign-flip (d_z) and, for quality metrics, ASO (ε_min of B over A).
/// Seeds that do not pair fall back to Welch's t (Hedges' g); fewer than two values give one
/// "insufficient data" row. All statistics are oriented as B − A.
/// </summary>
public static class SeedComparisons
{
    private static readonly HashSet<string> AsoMetrics = [MetricNames.Accuracy, MetricNames.F1, MetricNames.F1Macro,
        MetricNames.Perplexity, MetricNames.EvalLoss];

    public static IEnumerable<Comparison> Build(ResultTable table, string task, string metric, string a, string b, AnalysisOptions options)
    {
        var (_, av, bv) = table.Paired(task, a, b, metric);
        if (av.Length >= 2) return Paired(task, metric, a, b, av, bv, options);
        var ua = table.Finite(task, a, metric).Values.ToArray();
        var ub = table.Finite(task, b, metric).Values.ToArray();
        if (ua.Length >= 2 && ub.Length >= 2) return [Welch(task, metric, a, b, ua, ub)];
        return [Insufficient(task, metric, a, b, av.Length, ua.Length, ub.Length)];
    }

    private static List<Comparison> Paired(string task, string metric, string a, string b, double[] av, double[] bv, AnalysisOptions options)
    {
        var n = av.Length;
        var d = Differences.Of(bv, av);
        var diff = Descriptive.Mean(d);
        var (lo, hi) = Descriptive.TInterval(d);
        var constant = Descriptive.Sd(d) == 0;
        var list = new List<Comparison>();

        var t = PairedTTest.Test(bv, av);
        var dz = EffectSizes.CohensDz(d);
        var constNote = diff == 0 ? "identical values in every paired seed" : "constant difference in every paired seed (the metric does not vary with the seed): t undefined";
        list.Add(new Comparison(task, metric, a, b, "paired_t", n, Num(t.Statistic), Num(t.P), null, "d_z", Num(dz), diff, lo, hi,
            constant ? constNote : null));

        var w = WilcoxonSignedRank.Test(d);
        list.Add(new Comparison(task, metric, a, b, "wilcoxon", n, Num(w.Statistic), Num(w.P), null, "rank_biserial", Num(w.RankBiserial),
            diff, lo, hi, (w.Exact ? "exact" : "normal approximation, tie-corrected") + $"; T = min(R+, R-), {w.N} non-zero differences"));

        var s = SignFlipTest.Test(d, seed: options.Seed);
        list.Add(new Comparison(task, metric, a, b, "sign_flip", n, Num(s.Statistic), Num(s.P), null, "d_z", Num(dz), diff, lo, hi,
            SignFlipTest.Method(n)));

        if (AsoMetrics.Contains(metric))
        {
            // oriented so that "dominates" means "is better": lower-is-better metrics (perplexity, loss) are negated
            var sign = MetricDirections.Sign(metric) < 0 ? -1 : 1;
            var eps = AlmostStochasticOrder.EpsilonMin(bv.Select(v => sign * v).ToArray(), av.Select(v => sign * v).ToArray(),
                options.Alpha, samples: 500, iterations: 200, seed: options.Seed);
            list.Add(new Comparison(task, metric, a, b, "aso", n, Num(eps), null, null, "eps_min", Num(eps), diff, lo, hi,
                sign < 0
                    ? "eps_min < 0.5: b almost stochastically dominates a, i.e. has lower values (lower is better here); > 0.5: a dominates"
                    : "eps_min < 0.5: b almost stochastically dominates a (higher values); > 0.5: a dominates"));
        }
        return list;
    }

    private static Comparison Welch(string task, string metric, string a, string b, double[] ua, double[] ub)
    {
        var w = WelchTTest.Test(ub, ua);
        var diff = Descriptive.Mean(ub) - Descriptive.Mean(ua);
        double? lo = null, hi = null;
        if (w.Df is { } df && double.IsFinite(w.Statistic) && w.Statistic != 0)
        {
            var se = diff / w.Statistic;
            var q = StudentTTail.Quantile(0.975, df);
            (lo, hi) = (diff - q * se, diff + q * se);
        }
        return new Comparison(task, metric, a, b, "welch_t", ua.Length + ub.Length, Num(w.Statistic), Num(w.P), null, "hedges_g",
            Num(EffectSizes.HedgesG(ub, ua)), diff, lo, hi, "seeds do not pair: unpaired Welch test");
    }

    private static Comparison Insufficient(string task, string metric, string a, string b, int paired, int na, int nb) =>
        new(task, metric, a, b, "paired_t", paired, null, null, null, "d_z", null, null, null, null,
            $"insufficient data: {paired} paired seed(s) ({a}: {na}, {b}: {nb} finite values); at least 2 are needed");

    internal static double? Num(double v) => double.IsFinite(v) ? v : null;
}
