namespace Sweep.Analysis.Sequential;

/// <summary>Per-look probabilities of first crossing the upper and the lower boundary.</summary>
public sealed record ExitProbabilities(IReadOnlyList<double> Upper, IReadOnlyList<double> Lower)
{
    /// <summary>Probability of stopping at any look, either side.</summary>
    public double Total => Upper.Sum() + Lower.Sum();

    /// <summary>Cumulative probability of having stopped, either side, by each look.</summary>
    public IReadOnlyList<double> Cumulative
    {
        get
        {
            var c = new double[Upper.Count];
            var sum = 0.0;
            for (var k = 0; k < c.Length; k++) c[k] = sum += Upper[k] + Lower[k];
            return c;
        }
    }
}

/// <summary>
/// Exact (to quadrature error) crossing probabilities of a group sequential test: the sequential z-statistics
/// Z_1 … Z_K at information fractions t_1 &lt; … &lt; t_K = 1 are jointly normal with Cov(Z_j, Z_k) = √(t_j/t_k)
/// for j ≤ k and E[Z_k] = θ·√t_k; the test stops at the first k with Z_k ≥ upper_k or Z_k ≤ lower_k. Computed with
/// the Armitage–McPherson–Rowe recursion (<see cref="SubDensity"/>).
/// </summary>
public static class CrossingProbability
{
    /// <summary>
    /// Grid spacing in standard deviations of the narrowest increment. Simpson's rule on these smooth Gaussian
    /// integrands converges fast: halving or quartering 0.05 moves the classic constants by less than 1e-6.
    /// </summary>
    public const double DefaultStep = 0.05;

    /// <summary>
    /// First-crossing probabilities at each look. <paramref name="drift"/> θ is E[Z_K] at the final look
    /// (0 under the null hypothesis); boundaries may be infinite (no stopping on that side at that look).
    /// </summary>
    public static ExitProbabilities Compute(IReadOnlyList<double> fractions, IReadOnlyList<double> upper,
        IReadOnlyList<double> lower, double drift = 0, double step = DefaultStep)
    {
        var k = fractions.Count;
        if (k == 0 || upper.Count != k || lower.Count != k)
            throw new ArgumentException($"need one upper and one lower boundary per look: {k} looks, {upper.Count} upper, {lower.Count} lower");
        var up = new double[k];
        var low = new double[k];
        SubDensity? density = null;
        for (var i = 0; i < k; i++)
        {
            (up[i], low[i]) = SubDensity.Exit(density, fractions[i], upper[i], lower[i], drift);
            if (i + 1 < k)
                density = SubDensity.Advance(density, fractions[i], upper[i], lower[i], drift, fractions[i + 1], step);
        }
        return new ExitProbabilities(up, low);
    }

    /// <summary>Symmetric two-sided boundaries ±b_k.</summary>
    public static ExitProbabilities TwoSided(IReadOnlyList<double> fractions, IReadOnlyList<double> boundaries,
        double drift = 0, double step = DefaultStep) =>
        Compute(fractions, boundaries, boundaries.Select(b => -b).ToArray(), drift, step);
}
