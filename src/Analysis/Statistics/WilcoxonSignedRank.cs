using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Statistics;

public enum WilcoxonMethod { Auto, Exact, Normal }

/// <summary>
/// Wilcoxon signed-rank test of paired differences (scipy.stats.wilcoxon, zero_method="wilcox", two-sided).
/// Zeros are dropped; the statistic is T = min(R⁺, R⁻). Exact null distribution for n ≤ 50 with no ties and
/// no zeros (Auto); otherwise the normal approximation with tie-corrected variance and optional continuity.
/// </summary>
public static class WilcoxonSignedRank
{
    public const int MaxExactN = 50;

    public static WilcoxonResult Test(IReadOnlyList<double> a, IReadOnlyList<double> b,
        WilcoxonMethod method = WilcoxonMethod.Auto, bool continuity = false) =>
        Test(Differences.Of(a, b), method, continuity);

    public static WilcoxonResult Test(IReadOnlyList<double> d, WilcoxonMethod method = WilcoxonMethod.Auto, bool continuity = false)
    {
        var scale = d.Count == 0 ? 0 : d.Max(Math.Abs);
        var nonzero = d.Where(v => Math.Abs(v) > 1e-12 * scale).ToArray();
        var hadZeros = nonzero.Length < d.Count;
        var n = nonzero.Length;
        if (n == 0) return new WilcoxonResult(double.NaN, double.NaN, 0, 0, 0, false);
        var (ranks, ties) = Ranking.Average(nonzero.Select(Math.Abs).ToArray());
        double rPlus = 0, rMinus = 0;
        for (var i = 0; i < n; i++)
        {
            if (nonzero[i] > 0) rPlus += ranks[i];
            else rMinus += ranks[i];
        }
        var t = Math.Min(rPlus, rMinus);
        var exact = method == WilcoxonMethod.Exact
            || (method == WilcoxonMethod.Auto && n <= MaxExactN && ties.Length == 0 && !hadZeros);
        var p = exact ? ExactP(t, n) : NormalP(t, n, ties, continuity);
        return new WilcoxonResult(t, p, n, rPlus, rMinus, exact);
    }

    /// <summary>2·P(W ≤ T) under the exact null (all 2ⁿ sign patterns equally likely), capped at 1.</summary>
    private static double ExactP(double t, int n)
    {
        var max = n * (n + 1) / 2;
        // counts[s] = number of subsets of {1..n} whose rank sum is s (exact in double up to 2^53).
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var k = 1; k <= n; k++)
            for (var s = k * (k + 1) / 2; s >= k; s--) counts[s] += counts[s - k];
        var total = Math.Pow(2, n);
        var limit = (int)Math.Floor(t + 1e-9);
        var cdf = 0.0;
        for (var s = 0; s <= Math.Min(limit, max); s++) cdf += counts[s];
        return Math.Min(1, 2 * cdf / total);
    }

    private static double NormalP(double t, int n, int[] ties, bool continuity)
    {
        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1) * (2.0 * n + 1) / 24.0 - ties.Sum(k => (double)k * k * k - k) / 48.0;
        if (variance <= 0) return 1;
        var dev = t - mean;
        if (continuity) dev -= 0.5 * Math.Sign(dev);
        var z = dev / Math.Sqrt(variance);
        return Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
    }
}

/// <summary>T = min(R⁺, R⁻), two-sided p, number of non-zero differences, the rank sums, whether p is exact.</summary>
public sealed record WilcoxonResult(double Statistic, double P, int N, double RPlus, double RMinus, bool Exact)
{
    /// <summary>Matched-pairs rank-biserial correlation (R⁺ − R⁻)/(R⁺ + R⁻): +1 when every a − b &gt; 0.</summary>
    public double RankBiserial => RPlus + RMinus == 0 ? double.NaN : (RPlus - RMinus) / (RPlus + RMinus);
}
