namespace Sweep.Analysis.Statistics;

/// <summary>
/// Paired permutation (sign-flip) test of mean(d) = 0: under the null every difference is equally likely
/// to carry either sign. Exact over all 2ⁿ sign patterns for n ≤ <see cref="MaxExactN"/>; up to
/// <see cref="MaxMonteCarloN"/> a seeded Monte Carlo over <c>samples</c> patterns (p = (k + 1)/(m + 1)); above that the
/// normal limit of the sign-flip distribution: under the null S = Σ±dᵢ has mean 0 and variance Σdᵢ², so
/// p = 2Φ(−|Σdᵢ| / √Σdᵢ²). The Monte Carlo costs samples·n, which with thousands of seeds took minutes per comparison,
/// while at n &gt; <see cref="MaxMonteCarloN"/> the normal limit is closer to the exact p than the Monte Carlo's own error
/// (about √(p(1 − p)/samples)) unless a few differences dominate the sum. Statistic: mean(d); two-sided.
/// </summary>
public static class SignFlipTest
{
    public const int MaxExactN = 20;
    public const int MaxMonteCarloN = 100;

    /// <summary>How the p-value is computed for <paramref name="n"/> differences, in words (for reports).</summary>
    public static string Method(int n, int samples = 100_000) =>
        n <= MaxExactN ? $"exact over 2^{n} sign patterns"
        : n <= MaxMonteCarloN ? $"Monte Carlo over {samples} sign patterns"
        : "normal limit of the sign-flip distribution (n > " + MaxMonteCarloN + ")";

    public static TestResult Test(IReadOnlyList<double> a, IReadOnlyList<double> b, int samples = 100_000, int seed = 12345) =>
        Test(Differences.Of(a, b), samples, seed);

    public static TestResult Test(IReadOnlyList<double> d, int samples = 100_000, int seed = 12345)
    {
        var n = d.Count;
        if (n == 0) return new TestResult(double.NaN, double.NaN, 0);
        var observed = Math.Abs(d.Sum());
        var tol = 1e-12 * Math.Max(1, d.Sum(Math.Abs));
        long extreme = 0, total;
        if (n <= MaxExactN)
        {
            total = 1L << n;
            for (long mask = 0; mask < total; mask++)
            {
                var s = 0.0;
                for (var i = 0; i < n; i++) s += (mask >> i & 1) == 1 ? -d[i] : d[i];
                if (Math.Abs(s) >= observed - tol) extreme++;
            }
            return new TestResult(d.Sum() / n, (double)extreme / total, n);
        }
        if (n > MaxMonteCarloN)
        {
            var sumSq = 0.0;
            foreach (var v in d) sumSq += v * v;
            var pNormal = sumSq == 0 ? 1 : Math.Min(1, 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -observed / Math.Sqrt(sumSq)));
            return new TestResult(d.Sum() / n, pNormal, n);
        }
        var rng = new Random(seed);
        var values = d.ToArray();
        for (var k = 0; k < samples; k++)
        {
            // One random draw gives 62 signs; the sign is applied without a branch (a random branch mispredicts half the time).
            var s = 0.0;
            ulong bits = 0;
            var left = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (left == 0) { bits = (ulong)rng.NextInt64(); left = 62; }
                s += values[i] * (1 - 2 * (int)(bits & 1));
                bits >>= 1;
                left--;
            }
            if (Math.Abs(s) >= observed - tol) extreme++;
        }
        return new TestResult(d.Sum() / n, (extreme + 1.0) / (samples + 1.0), n);
    }
}
