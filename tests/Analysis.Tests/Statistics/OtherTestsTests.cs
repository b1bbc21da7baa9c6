using Sweep.Analysis.Statistics;

namespace Sweep.Analysis.Tests.Statistics;

[Category(Category.Unit)]
public sealed class OtherTestsTests
{
    [Fact]
    public void Descriptive_interval_matches_hand_computation()
    {
        double[] x = [1, 2, 3, 4];
        Assert.Equal(2.5, Descriptive.Mean(x));
        Assert.Equal(Math.Sqrt(5.0 / 3), Descriptive.Sd(x), 14);
        // t(0.975, 3) = 3.182446305284263 (scipy.stats.t.ppf)
        var (lo, hi) = Descriptive.TInterval(x);
        var half = 3.182446305284263 * Math.Sqrt(5.0 / 3) / 2;
        Assert.Equal(2.5 - half, lo, 9);
        Assert.Equal(2.5 + half, hi, 9);
        Assert.True(double.IsNaN(Descriptive.TInterval([1.0]).Low));
    }

    [Fact]
    public void Wilcoxon_with_ties_and_zeros_uses_tie_corrected_normal()
    {
        double[] d = [1, 1, 2, 2, 0, -3, 4, 4, 5];
        var r = WilcoxonSignedRank.Test(d);
        Assert.False(r.Exact);
        Assert.Equal(8, r.N); // zero dropped
        // ranks of |d| without the zero: 1.5,1.5,3.5,3.5,5,6.5,6.5,8 → R− = 5
        Assert.Equal(5, r.Statistic);
        var variance = 8 * 9 * 17 / 24.0 - 3 * (8 - 2) / 48.0;
        var z = (5 - 18) / Math.Sqrt(variance);
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, z), r.P, 12);
    }

    [Fact]
    public void SignFlip_monte_carlo_above_exact_limit_is_seeded_and_sensible()
    {
        var d = Enumerable.Range(1, 25).Select(i => i % 4 == 0 ? -0.5 : 1.0).ToArray();
        var r1 = SignFlipTest.Test(d, samples: 20_000, seed: 1);
        var r2 = SignFlipTest.Test(d, samples: 20_000, seed: 1);
        Assert.Equal(r1.P, r2.P);
        Assert.InRange(r1.P, 0.0, 0.01);
    }

    [Fact]
    public void Tost_equivalent_when_tight_and_inside_margin_not_when_shifted()
    {
        double[] a = [0.900, 0.905, 0.910, 0.902, 0.908];
        double[] same = [0.901, 0.904, 0.911, 0.902, 0.907];
        double[] worse = a.Select(v => v - 0.02).ToArray();
        Assert.True(EquivalenceTest.PairedTost(a, same, 0.005).Equivalent(0.05));
        Assert.False(EquivalenceTest.PairedTost(a, worse, 0.005).Equivalent(0.05));
        // CI of the TOST is the 90% t-interval of b − a
        var d = Differences.Of(same, a);
        var (lo, hi) = Descriptive.TInterval(d, 0.90);
        var t = EquivalenceTest.PairedTost(a, same, 0.005);
        Assert.Equal(lo, t.CiLow, 12);
        Assert.Equal(hi, t.CiHigh, 12);
    }

    [Fact]
    public void HedgesG_is_slightly_smaller_than_cohens_d()
    {
        double[] a = [91.6, 91.2, 92.0, 90.9, 91.4], b = [88.8, 89.9, 88.1, 90.2, 89.0];
        var g = EffectSizes.HedgesG(a, b);
        var sp = Math.Sqrt((Descriptive.Variance(a) + Descriptive.Variance(b)) / 2);
        var d = (Descriptive.Mean(a) - Descriptive.Mean(b)) / sp;
        Assert.InRange(g, d * 0.88, d * 0.92); // J(8) = 0.9031
        Assert.Equal(0.5, EffectSizes.McNemarOddsRatio(10, 20));
    }

    [Fact]
    public void Bootstrap_same_items_gives_zero_diff_and_seeded_ci()
    {
        var rng = new Random(11);
        var labels = Enumerable.Range(0, 400).Select(_ => rng.Next(2)).ToArray();
        var predA = labels.Select(y => rng.NextDouble() < 0.8 ? y : 1 - y).ToArray();
        var predB = labels.Select(y => rng.NextDouble() < 0.9 ? y : 1 - y).ToArray();
        var same = PairedBootstrap.Run(predA, predA, labels, iterations: 300);
        Assert.Equal(0, same.Diff);
        Assert.Equal(0, same.CiLow);
        Assert.Equal(0, same.CiHigh);
        var r = PairedBootstrap.Run(predA, predB, labels, iterations: 1000, seed: 5);
        Assert.Equal(r, PairedBootstrap.Run(predA, predB, labels, iterations: 1000, seed: 5));
        Assert.Equal(ClassificationScores.Accuracy(predB, labels) - ClassificationScores.Accuracy(predA, labels), r.Diff, 12);
        Assert.True(r.CiLow > 0 && r.CiLow < r.Diff && r.Diff < r.CiHigh, $"CI [{r.CiLow}, {r.CiHigh}] around {r.Diff}");
        Assert.True(r.P < 0.01);
        var f1 = PairedBootstrap.Run(predA, predB, labels, BootstrapMetric.F1, iterations: 500);
        Assert.Equal(ClassificationScores.F1(predB, labels) - ClassificationScores.F1(predA, labels), f1.Diff, 12);
    }

    [Fact]
    public void F1_scores_match_hand_counts()
    {
        int[] y = [1, 1, 1, 0, 0, 0, 0, 1], p = [1, 1, 0, 0, 0, 1, 0, 1];
        // class 1: tp 3, fp 1, fn 1 → 6/8; class 0: tp 3, fp 1, fn 1 → 6/8
        Assert.Equal(0.75, ClassificationScores.F1(p, y));
        Assert.Equal(0.75, ClassificationScores.F1Macro(p, y));
        Assert.Equal(0.75, ClassificationScores.Accuracy(p, y));
        var (b, c) = McNemarTest.Discordant(p, y, y);
        Assert.Equal((0, 2), (b, c));
    }

    [Fact]
    public void Aso_orders_clearly_separated_and_identical_samples()
    {
        double[] high = [0.91, 0.92, 0.915, 0.925, 0.918], low = [0.88, 0.885, 0.89, 0.882, 0.887];
        Assert.Equal(0, AlmostStochasticOrder.EpsilonMin(high, low, iterations: 200));
        Assert.Equal(1, AlmostStochasticOrder.EpsilonMin(low, high, iterations: 200));
        Assert.Equal(0.5, AlmostStochasticOrder.ViolationRatio([1, 2, 3], [1, 2, 3]));
        // By hand: F_A⁻¹ = 1 on t ≤ ½, 2 above; F_B⁻¹ = 0 then 3. On the grid t = 0, 0.005, …, 0.995 the gap
        // B − A is −1 at 101 points (t ≤ 0.5) and +1 at 99 points, so ε_W2 = 99/200.
        Assert.Equal(0.495, AlmostStochasticOrder.ViolationRatio([1, 2], [0, 3]), 12);
        // overlapping: A mostly higher → ε_W2 strictly between 0 and 0.5
        double[] a = [1, 2, 3, 4, 5, 6], b = [0.5, 1.5, 2.5, 3.5, 7, 0];
        var eps = AlmostStochasticOrder.ViolationRatio(a.Order().ToArray(), b.Order().ToArray());
        Assert.InRange(eps, 0.01, 0.5);
        Assert.Equal(1 - eps, AlmostStochasticOrder.ViolationRatio(b.Order().ToArray(), a.Order().ToArray()), 12);
    }
}
