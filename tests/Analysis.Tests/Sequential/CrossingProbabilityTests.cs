using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Sweep.Analysis.Sequential;

namespace Sweep.Analysis.Tests.Sequential;

/// <summary>The recursion against independent computations: closed forms, one-dimensional quadrature, Monte Carlo.</summary>
[Category(Category.Unit)]
public sealed class CrossingProbabilityTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    public void One_look_is_the_normal_tail(double drift)
    {
        var p = CrossingProbability.Compute([1.0], [1.96], [-2.2], drift);
        Assert.Equal(1 - Normal.CDF(drift, 1, 1.96), p.Upper[0], 12);
        Assert.Equal(Normal.CDF(drift, 1, -2.2), p.Lower[0], 12);
    }

    /// <summary>
    /// Two looks at t and 1: P(no stop) = ∫_{−c₁}^{c₁} φ(z − θ√t)·[Φ((c₂ − ρz − μ)/s) − Φ((−c₂ − ρz − μ)/s)] dz with
    /// ρ = √t, s = √(1 − t), μ = θ(1 − t) the conditional mean shift, integrated by MathNet's adaptive quadrature.
    /// </summary>
    [Theory]
    [InlineData(0.5, 2.178, 2.178, 0.0)]
    [InlineData(0.3, 3.0, 2.0, 0.0)]
    [InlineData(0.6, 2.5, 1.9, 2.8)]
    public void Two_looks_match_direct_quadrature(double t, double c1, double c2, double drift)
    {
        var rho = Math.Sqrt(t);
        var s = Math.Sqrt(1 - t);
        var mu = drift * (1 - t);
        double Stay(double z) =>
            Normal.PDF(drift * rho, 1, z) * (Normal.CDF(0, 1, (c2 - rho * z - mu) / s) - Normal.CDF(0, 1, (-c2 - rho * z - mu) / s));
        var stay = Integrate.OnClosedInterval(Stay, -c1, c1, 1e-12);
        var p = CrossingProbability.TwoSided([t, 1.0], [c1, c2], drift);
        Assert.Equal(1 - stay, p.Total, 7);
    }

    [Fact]
    public void Refining_the_grid_changes_nothing_visible()
    {
        double[] t = [0.1, 0.35, 0.5, 0.9, 1.0];
        double[] b = [3.5, 2.9, 2.6, 2.2, 2.1];
        var coarse = CrossingProbability.TwoSided(t, b, 3.0);
        var fine = CrossingProbability.TwoSided(t, b, 3.0, 0.01);
        for (var k = 0; k < t.Length; k++) Assert.Equal(fine.Upper[k], coarse.Upper[k], 8);
    }

    [Fact]
    public void Three_unequal_looks_with_drift_match_Monte_Carlo()
    {
        double[] t = [0.2, 0.55, 1.0];
        double[] upper = [2.8, 2.4, 2.0];
        double[] lower = [-2.8, -2.4, -2.0];
        const double drift = 1.5;
        const int paths = 200_000;
        var rng = new Random(4242);
        var hitsUp = new int[3];
        var hitsLow = new int[3];
        for (var p = 0; p < paths; p++)
        {
            double s = 0, previous = 0;
            for (var k = 0; k < 3; k++)
            {
                var dt = t[k] - previous;
                previous = t[k];
                var u = 1 - rng.NextDouble();
                s += drift * dt + Math.Sqrt(dt) * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
                var z = s / Math.Sqrt(t[k]);
                if (z >= upper[k]) { hitsUp[k]++; break; }
                if (z <= lower[k]) { hitsLow[k]++; break; }
            }
        }
        var exact = CrossingProbability.Compute(t, upper, lower, drift);
        for (var k = 0; k < 3; k++)
        {
            var mc = (double)hitsUp[k] / paths;
            var se = Math.Sqrt(exact.Upper[k] * (1 - exact.Upper[k]) / paths);
            Assert.True(Math.Abs(mc - exact.Upper[k]) < 4 * se + 1e-6, $"upper look {k + 1}: MC {mc}, recursion {exact.Upper[k]}");
            var mcLow = (double)hitsLow[k] / paths;
            var seLow = Math.Sqrt(exact.Lower[k] * (1 - exact.Lower[k]) / paths);
            Assert.True(Math.Abs(mcLow - exact.Lower[k]) < 4 * seLow + 1e-5, $"lower look {k + 1}: MC {mcLow}, recursion {exact.Lower[k]}");
        }
    }

    [Fact]
    public void Infinite_boundaries_never_stop()
    {
        var p = CrossingProbability.TwoSided([0.5, 1.0], [double.PositiveInfinity, Normal.InvCDF(0, 1, 0.975)]);
        Assert.Equal(0, p.Upper[0]);
        Assert.Equal(0.05, p.Total, 9);
    }
}
