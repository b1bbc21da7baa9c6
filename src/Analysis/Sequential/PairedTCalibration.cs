using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Sequential;

/// <summary>
/// Boundaries on the Z scale that spend exactly α(t_k) for the paired t statistic at small seed counts.
/// Mapping each T_k through its own t distribution makes every Z_k exactly N(0, 1) under H₀, but the looks share a
/// noisy variance estimate, so the Z's are less correlated than the normal theory assumes and the normal-theory
/// boundaries cross too often after the first look (at seeds 3, 6, 9, 12 the overall level is about 0.053 for
/// O'Brien–Fleming-type and 0.055 for Pocock-type spending instead of 0.05). The joint null distribution of the
/// T_k is free of the mean and the noise (the statistics are scale-free), so it can be simulated once from
/// standard normal differences: at each look the boundary is the |T_k| exceeded, among the paths still running,
/// by exactly the share of paths the spending function allows, mapped to the Z scale. The first look needs no
/// simulation: there Z_1 is exactly normal and b_1 = z_{1−α(t_1)/2}.
/// </summary>
public static class PairedTCalibration
{
    public const int DefaultPaths = 400_000;
    public const int DefaultSeed = 1_2_3_4_5;

    /// <summary>
    /// Z-scale boundaries for looks at <paramref name="seeds"/> pairs with cumulative two-sided spending
    /// <paramref name="cumulativeAlpha"/> (α(t_k) per look). Deterministic for a given path count and seed;
    /// the spent α of looks after the first carries a Monte Carlo error of about √(α/paths).
    /// </summary>
    public static double[] Boundaries(IReadOnlyList<int> seeds, IReadOnlyList<double> cumulativeAlpha,
        int paths = DefaultPaths, int seed = DefaultSeed)
    {
        var looks = seeds.Count;
        if (looks == 0 || cumulativeAlpha.Count != looks) throw new ArgumentException("need one α(t_k) per look", nameof(cumulativeAlpha));
        for (var k = 0; k < looks; k++)
            if (seeds[k] < 2 || (k > 0 && seeds[k] <= seeds[k - 1]))
                throw new ArgumentException($"look seed counts must increase from at least 2, got {string.Join(", ", seeds)}", nameof(seeds));
        var t = SimulateAbsT(seeds, paths, seed);
        var alive = Enumerable.Repeat(true, paths).ToArray();
        var b = new double[looks];
        for (var k = 0; k < looks; k++)
        {
            var share = cumulativeAlpha[k] - (k == 0 ? 0 : cumulativeAlpha[k - 1]);
            if (k == 0)
            {
                b[0] = share <= 0 ? double.PositiveInfinity : Normal.InvCDF(0, 1, 1 - share / 2);
            }
            else
            {
                // The r-th largest |T_k| among running paths, with r = share·paths (rounded): crossing it stops r paths.
                var running = new double[paths];
                var m = 0;
                for (var p = 0; p < paths; p++) if (alive[p]) running[m++] = t[p * looks + k];
                var r = (int)Math.Round(share * paths);
                if (r <= 0) b[k] = double.PositiveInfinity;
                else if (r >= m) b[k] = 0;
                else
                {
                    Array.Sort(running, 0, m);
                    var cut = (running[m - r] + running[m - r - 1]) / 2;
                    b[k] = SequentialComparison.ZFromT(cut, seeds[k] - 1);
                }
            }
            var tCut = TFromZ(b[k], seeds[k] - 1);
            for (var p = 0; p < paths; p++)
                if (alive[p] && t[p * looks + k] >= tCut) alive[p] = false;
        }
        return b;
    }

    /// <summary>|T| with df degrees of freedom whose two-sided tail equals that of |Z| = z.</summary>
    private static double TFromZ(double z, int df) =>
        double.IsPositiveInfinity(z) ? double.PositiveInfinity : StudentT.InvCDF(0, 1, df, Normal.CDF(0, 1, z));

    /// <summary>|T_k| of each null path at each look, row-major [path, look].</summary>
    private static double[] SimulateAbsT(IReadOnlyList<int> seeds, int paths, int seed)
    {
        var looks = seeds.Count;
        var max = seeds[^1];
        var rng = new Random(seed);
        double? spare = null;
        double Next()
        {
            if (spare is { } s) { spare = null; return s; }
            var r = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble()));
            var angle = 2 * Math.PI * rng.NextDouble();
            spare = r * Math.Sin(angle);
            return r * Math.Cos(angle);
        }
        var t = new double[paths * looks];
        for (var p = 0; p < paths; p++)
        {
            // Welford running mean and sum of squares, read at each look.
            double mean = 0, m2 = 0;
            var k = 0;
            for (var n = 1; n <= max; n++)
            {
                var x = Next();
                var delta = x - mean;
                mean += delta / n;
                m2 += delta * (x - mean);
                if (n == seeds[k])
                {
                    t[p * looks + k] = Math.Abs(mean) / Math.Sqrt(m2 / (n - 1) / n);
                    k++;
                }
            }
        }
        return t;
    }
}
