using Sweep.Analysis.Statistics;

namespace Sweep.Analysis.Tests.Statistics;

/// <summary>Reference values from scipy 1.10 / statsmodels 0.13 computed independently of this code for these two samples.</summary>
[Category(Category.Unit)]
public sealed class GoldenTests
{
    private static readonly double[] A = [91.6, 91.2, 92.0, 90.9, 91.4];
    private static readonly double[] B = [88.8, 89.9, 88.1, 90.2, 89.0];
    private const double Tol = 1e-9;

    private static void Close(double expected, double actual, double tol = Tol) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R} (|Δ| = {Math.Abs(expected - actual):E3})");

    [Fact]
    public void PairedT_matches_scipy_ttest_rel()
    {
        var r = PairedTTest.Test(A, B);
        Close(3.940483499259894, r.Statistic);
        Close(0.01695290204357272, r.P);
        Assert.Equal(4, r.Df);
    }

    [Fact]
    public void WelchT_matches_scipy_ttest_ind_unequal_var()
    {
        var r = WelchTTest.Test(A, B);
        Close(5.241333027613748, r.Statistic);
        Close(5.796800844366678, r.Df!.Value);
        Close(0.002151045877410444, r.P);
    }

    [Fact]
    public void WelchT_unequal_sizes_matches_scipy()
    {
        double[] x = [.912, .905, .917, .921, .899, .910], y = [.889, .902, .871, .895];
        var r = WelchTTest.Test(x, y);
        Close(2.8973130864504717, r.Statistic);
        Close(0.03882988640110581, r.P);
    }

    [Fact]
    public void StudentT_matches_scipy_ttest_ind()
    {
        var r = StudentTTest.Test(A, B);
        Close(5.241333027613748, r.Statistic); // equal n: same t as Welch, df = 8
        Close(0.0007820233287354879, r.P);
    }

    [Fact]
    public void Wilcoxon_a_vs_b_exact()
    {
        var r = WilcoxonSignedRank.Test(A, B);
        Assert.True(r.Exact);
        Assert.Equal(0, r.Statistic);
        Close(0.0625, r.P);
    }

    private static readonly double[] D = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];

    [Fact]
    public void Wilcoxon_exact_n15()
    {
        var r = WilcoxonSignedRank.Test(D, WilcoxonMethod.Exact);
        Assert.Equal(24, r.Statistic);
        Close(0.041259765625, r.P);
        Assert.True(WilcoxonSignedRank.Test(D).Exact); // Auto picks exact: n ≤ 50, no ties or zeros
    }

    [Fact]
    public void Wilcoxon_normal_approximation_with_and_without_continuity()
    {
        Close(0.04088813291185591, WilcoxonSignedRank.Test(D, WilcoxonMethod.Normal).P);
        Close(0.043772323763041174, WilcoxonSignedRank.Test(D, WilcoxonMethod.Normal, continuity: true).P);
    }

    [Fact]
    public void McNemar_exact_and_chi_square()
    {
        // table [[794, 86], [150, 570]]: discordant b = 86, c = 150
        Close(3.715936139571387e-05, McNemarTest.Exact(86, 150).P);
        var cc = McNemarTest.ChiSquare(86, 150, continuity: true);
        Close(16.81779661016949, cc.Statistic);
        Close(4.114562281345944e-05, cc.P);
        var plain = McNemarTest.ChiSquare(86, 150, continuity: false);
        Close(17.35593220338983, plain.Statistic);
        Close(3.099293441045215e-05, plain.P);
    }

    [Fact]
    public void Holm_matches_statsmodels_multipletests()
    {
        var adj = HolmBonferroni.Adjust([.01, .04, .03, .005]);
        double[] expected = [0.03, 0.06, 0.06, 0.02];
        for (var i = 0; i < 4; i++) Close(expected[i], adj[i]);
    }

    [Fact]
    public void CohensDz_a_vs_b()
    {
        Close(1.7622377937122728, EffectSizes.CohensDz(A, B));
    }

    [Fact]
    public void SignFlip_exact_two_sided()
    {
        var r = SignFlipTest.Test(A, B);
        Close(0.0625, r.P);
    }
}
