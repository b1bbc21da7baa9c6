namespace Sweep.Analysis.Statistics;

/// <summary>
/// Paired permutation (sign-flip) test of mean(d) = 0: under the null every difference is equally likely
/// to carry either sign. Exact over all 2ⁿ sign patterns for n ≤ <see cref="MaxExactN"/>; above that a
/// seeded Monte Carlo over <c>samples</c> patterns (p = (k + 1)/(m + 1)). Statistic: mean(d); two-sided.
/// </summary>
public static class SignFlipTest
{
    public const int MaxExactN = 20;

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
        var rng = new Random(seed);
        for (var k = 0; k < samples; k++)
        {
            var s = 0.0;
            for (var i = 0; i < n; i++) s += rng.Next(2) == 0 ? -d[i] : d[i];
            if (Math.Abs(s) >= observed - tol) extreme++;
        }
        return new TestResult(d.Sum() / n, (extreme + 1.0) / (samples + 1.0), n);
    }
}
