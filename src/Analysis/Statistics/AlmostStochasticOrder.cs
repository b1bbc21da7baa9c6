using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Statistics;

/// <summary>
/// Almost Stochastic Order (del Barrio et al. 2018; Dror, Shlomov and Reichart 2019, "Deep Dominance").
/// Tests whether scores of A are (almost) stochastically larger than scores of B. The violation ratio
/// ε_W2 = ∫_{F_B⁻¹ &gt; F_A⁻¹} (F_B⁻¹(t) − F_A⁻¹(t))² dt / W₂(F_A, F_B)² measures how much of the quantile gap
/// favours B. ε_min = ε_W2 − √((n+m)/(nm))·σ̂·Φ⁻¹(α) is its bootstrap upper confidence bound, clipped to
/// [0, 1]; σ̂ is the sd of √(s²/2s)·(ε* − ε) over replicates that draw s scores from each empirical
/// quantile function. ε_min &lt; 0.5 (τ) means A is almost stochastically dominant over B.
/// When both distributions coincide (W₂ = 0) there is no order either way and ε is 0.5 (deepsig returns 0).
/// </summary>
public static class AlmostStochasticOrder
{
    public static double EpsilonMin(IReadOnlyList<double> a, IReadOnlyList<double> b, double alpha = 0.05,
        int samples = 1000, int iterations = 500, double dt = 0.005, int seed = 12345)
    {
        if (a.Count == 0 || b.Count == 0) return double.NaN;
        var sa = a.OrderBy(v => v).ToArray();
        var sb = b.OrderBy(v => v).ToArray();
        var eps = ViolationRatio(sa, sb, dt);
        var rng = new Random(seed);
        var boot = new double[iterations];
        var ra = new double[samples];
        var rb = new double[samples];
        for (var k = 0; k < iterations; k++)
        {
            for (var i = 0; i < samples; i++)
            {
                ra[i] = Quantile(sa, rng.NextDouble());
                rb[i] = Quantile(sb, rng.NextDouble());
            }
            Array.Sort(ra);
            Array.Sort(rb);
            boot[k] = Math.Sqrt(samples / 2.0) * (ViolationRatio(ra, rb, dt) - eps);
        }
        var sigma = PopulationSd(boot);
        var scale = Math.Sqrt((double)(a.Count + b.Count) / (a.Count * b.Count));
        var min = eps - scale * sigma * Normal.InvCDF(0, 1, alpha);
        return Math.Clamp(min, 0, 1);
    }

    /// <summary>ε_W2 of two sorted samples on a grid of step <paramref name="dt"/> over t ∈ [0, 1).</summary>
    public static double ViolationRatio(double[] sortedA, double[] sortedB, double dt = 0.005)
    {
        double w2 = 0, violation = 0;
        var steps = (int)Math.Round(1 / dt);
        for (var s = 0; s < steps; s++)
        {
            var t = s * dt;
            var diff = Quantile(sortedB, t) - Quantile(sortedA, t);
            w2 += diff * diff * dt;
            if (diff > 0) violation += diff * diff * dt;
        }
        return w2 == 0 ? 0.5 : violation / w2;
    }

    /// <summary>Empirical quantile function: the ⌈n·t⌉-th smallest value (first for t = 0).</summary>
    private static double Quantile(double[] sorted, double t)
    {
        var index = (int)Math.Ceiling(sorted.Length * t) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static double PopulationSd(double[] x)
    {
        var m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / x.Length);
    }
}
