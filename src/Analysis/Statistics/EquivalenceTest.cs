namespace Sweep.Analysis.Statistics;

/// <summary>
/// TOST (two one-sided t-tests, Schuirmann 1987) for equivalence of paired samples within ±margin:
/// H₀ mean(d) ≤ −margin or mean(d) ≥ +margin, rejected when both one-sided tests reject, i.e. when
/// p = max(p_lower, p_upper) &lt; α, equivalently when the (1 − 2α) CI lies inside (−margin, +margin).
/// d = b − a here, so a positive mean means B scores higher.
/// </summary>
public static class EquivalenceTest
{
    public static TostResult PairedTost(IReadOnlyList<double> a, IReadOnlyList<double> b, double margin, double alpha = 0.05) =>
        Tost(Differences.Of(b, a), margin, alpha);

    public static TostResult Tost(IReadOnlyList<double> d, double margin, double alpha = 0.05) =>
        Tost(d, -margin, margin, alpha);

    /// <summary>TOST of mean(d) inside the interval (<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static TostResult Tost(IReadOnlyList<double> d, double low, double high, double alpha = 0.05)
    {
        var margin = (high - low) / 2;
        var n = d.Count;
        var mean = Descriptive.Mean(d);
        if (n < 2) return new TostResult(mean, double.NaN, double.NaN, double.NaN, double.NaN, n, margin);
        var se = Descriptive.Sd(d) / Math.Sqrt(n);
        var df = n - 1;
        if (se == 0)
        {
            // No spread: the difference is known exactly; equivalent iff it lies strictly inside the margin.
            var inside = mean > low && mean < high;
            return new TostResult(mean, inside ? 0 : 1, double.NaN, mean, mean, n, margin);
        }
        var tLower = (mean - low) / se;    // H₀: mean ≤ low
        var tUpper = (mean - high) / se;   // H₀: mean ≥ high
        var p = Math.Max(StudentTTail.Upper(tLower, df), StudentTTail.Lower(tUpper, df));
        var q = StudentTTail.Quantile(1 - alpha, df);
        return new TostResult(mean, p, Math.Abs(tLower) < Math.Abs(tUpper) ? tLower : tUpper, mean - q * se, mean + q * se, n, margin);
    }
}

/// <summary>Mean difference, TOST p (max of the two one-sided p's), the binding t, the (1 − 2α) CI, n, margin.</summary>
/// For an asymmetric interval, Margin is its half-width.
public sealed record TostResult(double Diff, double P, double Statistic, double CiLow, double CiHigh, int N, double Margin)
{
    public bool Equivalent(double alpha) => P < alpha;
}
