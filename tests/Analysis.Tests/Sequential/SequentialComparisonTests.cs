using MathNet.Numerics.Distributions;
using Sweep.Analysis.Sequential;

namespace Sweep.Analysis.Tests.Sequential;

[Category(Category.Unit)]
public sealed class SequentialComparisonTests
{
    private static readonly GroupSequentialDesign Obf =
        GroupSequentialDesign.Create(SequentialMethod.OBrienFleming, 0.05, new SeedSchedule(3, 3, 12));

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.7)]
    [InlineData(4.0)]
    [InlineData(40.0)]
    public void Z_is_the_normal_quantile_of_the_t_cdf(double t)
    {
        // With 2 df the t CDF has the closed form F(t) = 1/2 + t / (2·√(t² + 2)).
        var expected = Normal.InvCDF(0, 1, 0.5 + t / (2 * Math.Sqrt(t * t + 2)));
        Assert.Equal(expected, SequentialComparison.ZFromT(t, 2), 6);
    }

    [Fact]
    public void Z_keeps_its_precision_in_the_far_tail_and_its_sign()
    {
        var z = SequentialComparison.ZFromT(1e4, 30);
        Assert.True(z > 8 && double.IsFinite(z), $"z = {z}");
        Assert.Equal(-z, SequentialComparison.ZFromT(-1e4, 30), 10);
        Assert.Equal(0, SequentialComparison.ZFromT(0, 5));
    }

    [Fact]
    public void A_clear_difference_stops_for_efficacy_once_it_crosses()
    {
        double[] d = [1.0, 1.1, 0.9, 1.05, 0.95, 1.0, 1.2, 0.8, 1.0, 1.1, 0.9, 1.0];
        var r = SequentialComparison.Run(Obf, d);
        // At 3 seeds t ≈ 17 with 2 df is only z ≈ 2.9, short of b₁ ≈ 3.92; at 6 seeds it crosses.
        Assert.Equal(SequentialDecision.Continue, r.Looks[0].Decision);
        Assert.Equal(SequentialDecision.Efficacy, r.Decision);
        Assert.Equal(6, r.Seeds);
        Assert.False(r.Open);
        var look = r.Looks[1];
        Assert.Equal(2, look.Look);
        Assert.Equal(Obf.Boundaries[1], look.Boundary);
        Assert.Equal(Obf.CumulativeAlpha[1], look.SpentAlpha);
        Assert.Equal(Obf.CumulativeAlpha[1] - Obf.CumulativeAlpha[0], look.LookAlpha, 15);
        Assert.Equal(0.5, look.Fraction);
        Assert.Equal(5, look.Df);
        Assert.True(look.Z >= look.Boundary);
        Assert.Null(look.EquivalenceP);
    }

    [Fact]
    public void A_difference_in_favour_of_the_baseline_stops_with_a_negative_z()
    {
        double[] d = [-1.0, -1.1, -0.9, -1.05, -0.95, -1.0, -1.2, -0.8, -1.0, -1.1, -0.9, -1.0];
        var r = SequentialComparison.Run(Obf, d);
        Assert.Equal(SequentialDecision.Efficacy, r.Decision);
        Assert.True(r.Looks[^1].Z <= -r.Looks[^1].Boundary);
    }

    [Fact]
    public void No_difference_and_no_margin_runs_to_the_maximum()
    {
        double[] d = [1, -1, 0.5, -0.5, 0.2, -0.3, 0.1, 0.4, -0.6, 0.3, -0.2, 0.1];
        var r = SequentialComparison.Run(Obf, d);
        Assert.Equal(SequentialDecision.StopAtMax, r.Decision);
        Assert.Equal(12, r.Seeds);
        Assert.Equal(4, r.Looks.Count);
        Assert.All(r.Looks.Take(3), l => Assert.Equal(SequentialDecision.Continue, l.Decision));
    }

    [Fact]
    public void A_tight_difference_inside_the_margin_stops_for_equivalence()
    {
        double[] d = [0.01, -0.01, 0.02, -0.02, 0.0, 0.01, -0.01, 0.0, 0.02, -0.02, 0.01, 0.0];
        var r = SequentialComparison.Run(Obf, d, margin: 1.0);
        Assert.Equal(SequentialDecision.Equivalence, r.Decision);
        var look = r.Looks[^1];
        Assert.True(look.EquivalenceP < look.LookAlpha);
        // The same data with a margin the mean cannot be shown inside keeps going.
        Assert.Equal(SequentialDecision.StopAtMax, SequentialComparison.Run(Obf, d, margin: 0.001).Decision);
    }

    [Fact]
    public void Before_the_next_look_is_complete_the_comparison_stays_open()
    {
        double[] d = [0.3, -0.2, 0.1, 0.4, -0.1];
        var r = SequentialComparison.Run(Obf, d);
        Assert.True(r.Open);
        Assert.Single(r.Looks);
        Assert.Equal(3, r.Seeds);
    }

    [Fact]
    public void A_constant_non_zero_difference_is_beyond_every_boundary()
    {
        var r = SequentialComparison.Run(Obf, [0.5, 0.5, 0.5]);
        Assert.Equal(SequentialDecision.Efficacy, r.Decision);
        Assert.True(double.IsPositiveInfinity(r.Looks[0].Z));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void A_non_positive_margin_is_refused_naming_the_field(double margin)
    {
        var e = Assert.Throws<AnalysisInputException>(() => SequentialComparison.Run(Obf, [1, 2, 3], margin));
        Assert.Contains("analysis.equivalence_margin", e.Message);
    }

    [Fact]
    public void The_fixed_design_is_one_plain_paired_t_test_at_the_maximum()
    {
        var fixedMax = GroupSequentialDesign.Create(SequentialMethod.None, 0.05, new SeedSchedule(3, 3, 12));
        Assert.Equal([12], fixedMax.Seeds);
        Assert.Equal(1.959964, fixedMax.Boundaries[0], 6);
        double[] d = [0.9, 0.1, 0.5, 0.7, -0.2, 0.4, 0.3, 0.8, 0.0, 0.6, 0.2, 0.5];
        var look = SequentialComparison.Run(fixedMax, d).Looks.Single();
        var t = Sweep.Analysis.Statistics.PairedTTest.OneSample(d);
        Assert.Equal(t.Statistic, look.T, 12);
        // |Z| ≥ 1.96 exactly when the paired t-test's p < 0.05.
        Assert.Equal(t.P < 0.05, look.Decision == SequentialDecision.Efficacy);
    }
}
