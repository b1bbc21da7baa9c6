using Sweep.Analysis.Statistics;

namespace Sweep.Analysis.Tests.Statistics;

/// <summary>Invariants every test must keep, checked on many seeded random samples.</summary>
[Category(Category.Unit)]
public sealed class PropertyTests
{
    private static IEnumerable<(double[] A, double[] B)> Samples()
    {
        var rng = new Random(7);
        for (var k = 0; k < 40; k++)
        {
            var n = 3 + k % 9;
            var shift = (k % 5 - 2) * 0.4;
            var a = Enumerable.Range(0, n).Select(_ => 90 + rng.NextDouble() * 2).ToArray();
            var b = a.Select(v => v + shift + (rng.NextDouble() - 0.5)).ToArray();
            yield return (a, b);
        }
    }

    private static readonly Func<double[], double[], TestResult>[] SignedTests =
    [
        (a, b) => PairedTTest.Test(a, b),
        (a, b) => WelchTTest.Test(a, b),
        (a, b) => StudentTTest.Test(a, b),
        (a, b) => SignFlipTest.Test(a, b),
    ];

    [Fact]
    public void P_values_lie_in_unit_interval()
    {
        foreach (var (a, b) in Samples())
        {
            foreach (var test in SignedTests) InUnit(test(a, b).P);
            InUnit(WilcoxonSignedRank.Test(a, b).P);
            InUnit(WilcoxonSignedRank.Test(a, b, WilcoxonMethod.Normal, continuity: true).P);
            InUnit(EquivalenceTest.PairedTost(a, b, 0.5).P);
        }
        for (var b = 0; b < 30; b += 3)
            for (var c = 0; c < 30; c += 4)
            {
                InUnit(McNemarTest.Exact(b, c).P);
                InUnit(McNemarTest.ChiSquare(b, c).P);
                InUnit(McNemarTest.ChiSquare(b, c, false).P);
            }
    }

    private static void InUnit(double p) => Assert.InRange(p, 0.0, 1.0);

    [Fact]
    public void Swapping_a_and_b_flips_the_statistic_and_keeps_two_sided_p()
    {
        foreach (var (a, b) in Samples())
        {
            foreach (var test in SignedTests)
            {
                var ab = test(a, b);
                var ba = test(b, a);
                Assert.Equal(ab.Statistic, -ba.Statistic, 10);
                Assert.Equal(ab.P, ba.P, 12);
            }
            var w1 = WilcoxonSignedRank.Test(a, b);
            var w2 = WilcoxonSignedRank.Test(b, a);
            Assert.Equal(w1.Statistic, w2.Statistic); // T = min(R+, R−) is symmetric
            Assert.Equal(w1.RankBiserial, -w2.RankBiserial, 12);
            Assert.Equal(w1.P, w2.P, 12);
            Assert.Equal(EffectSizes.CohensDz(a, b), -EffectSizes.CohensDz(b, a), 12);
            Assert.Equal(EffectSizes.HedgesG(a, b), -EffectSizes.HedgesG(b, a), 12);
        }
        Assert.Equal(McNemarTest.Exact(12, 30).P, McNemarTest.Exact(30, 12).P, 15);
    }

    [Fact]
    public void Adding_a_constant_to_both_samples_changes_nothing()
    {
        foreach (var (a, b) in Samples())
        {
            var a2 = a.Select(v => v + 17.25).ToArray();
            var b2 = b.Select(v => v + 17.25).ToArray();
            foreach (var test in SignedTests)
            {
                var r1 = test(a, b);
                var r2 = test(a2, b2);
                Assert.Equal(r1.Statistic, r2.Statistic, 6);
                Assert.Equal(r1.P, r2.P, 6);
            }
            Assert.Equal(WilcoxonSignedRank.Test(a, b).P, WilcoxonSignedRank.Test(a2, b2).P, 9);
            Assert.Equal(EffectSizes.CohensDz(a, b), EffectSizes.CohensDz(a2, b2), 6);
            Assert.Equal(EquivalenceTest.PairedTost(a, b, 0.5).P, EquivalenceTest.PairedTost(a2, b2, 0.5).P, 6);
        }
    }

    [Fact]
    public void Holm_is_monotone_and_never_below_raw_p()
    {
        var rng = new Random(3);
        for (var k = 0; k < 50; k++)
        {
            var p = Enumerable.Range(0, 1 + k % 7).Select(_ => rng.NextDouble() * 0.2).ToArray();
            var adj = HolmBonferroni.Adjust(p);
            var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
            for (var i = 0; i < p.Length; i++) Assert.InRange(adj[i], p[i], 1.0);
            for (var i = 1; i < order.Length; i++) Assert.True(adj[order[i]] >= adj[order[i - 1]]);
        }
    }
}
