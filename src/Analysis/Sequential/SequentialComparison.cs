using MathNet.Numerics.Distributions;
using Sweep.Analysis.Statistics;

namespace Sweep.Analysis.Sequential;

/// <summary>
/// The sequential test of one comparison: paired differences d_i = preset − baseline over seeds, looked at when
/// the design says. At look k with n_k pairs the paired t statistic T_k = mean(d)/(sd(d)/√n_k), df = n_k − 1, is
/// mapped to the normal scale through its own distribution, Z_k = Φ⁻¹(F_{t,n_k−1}(T_k)), so that under H₀ each
/// Z_k is exactly N(0, 1) however few seeds there are; the boundaries, which assume normal Z's with Brownian
/// correlation √(n_j/n_k), then apply to small samples (a plain T_k against ±b_k would reject far too often at
/// 3 seeds); the design's b_k are by default recalibrated for the joint law of the t statistics
/// (<see cref="PairedTCalibration"/>). Stops for a difference when |Z_k| ≥ b_k; for equivalence when a TOST at this look's α share
/// α(t_k) − α(t_{k−1}) puts the mean inside ±margin (summed over looks these shares are α, so the chance of a
/// false equivalence claim stays ≤ α by Bonferroni); otherwise at the last look.
/// </summary>
public static class SequentialComparison
{
    /// <summary>
    /// Runs the design over the differences available (in seed order), stopping at the first verdict; while the
    /// next look's seeds are not all in, the result stays open.
    /// </summary>
    public static SequentialResult Run(GroupSequentialDesign design, IReadOnlyList<double> differences, double? margin = null)
    {
        var looks = new List<SequentialLook>();
        for (var k = 0; k < design.Looks && design.Seeds[k] <= differences.Count; k++)
        {
            var look = Test(design, k, differences, margin);
            looks.Add(look);
            if (look.Decision != SequentialDecision.Continue) break;
        }
        return new SequentialResult(looks);
    }

    /// <summary>Look <paramref name="k"/> (0-based) on the first n_k differences.</summary>
    public static SequentialLook Test(GroupSequentialDesign design, int k, IReadOnlyList<double> differences, double? margin = null)
    {
        if (k < 0 || k >= design.Looks) throw new ArgumentOutOfRangeException(nameof(k), $"look {k} of a {design.Looks}-look design");
        if (margin is { } m && !(m > 0))
            throw new AnalysisInputException($"analysis.equivalence_margin must be positive, got {m}.");
        var n = design.Seeds[k];
        if (differences.Count < n)
            throw new ArgumentException($"look {k + 1} needs {n} paired seeds, only {differences.Count} given", nameof(differences));
        if (n < 2) throw new ArgumentException($"look {k + 1} has {n} seeds; a paired test needs two", nameof(differences));
        var d = differences.Take(n).ToArray();
        var mean = Descriptive.Mean(d);
        var se = Descriptive.Sd(d) / Math.Sqrt(n);
        var df = n - 1;
        // No spread: the difference is known exactly; any non-zero difference is beyond every boundary.
        var t = se > 0 ? mean / se : mean == 0 ? 0 : Math.Sign(mean) * double.PositiveInfinity;
        var z = ZFromT(t, df);
        var lookAlpha = design.LookAlpha(k);
        double? tostP = margin is { } mm ? TostP(mean, se, df, mm) : null;
        var decision = Math.Abs(z) >= design.Boundaries[k] ? SequentialDecision.Efficacy
            : tostP < lookAlpha ? SequentialDecision.Equivalence
            : k == design.Looks - 1 ? SequentialDecision.StopAtMax
            : SequentialDecision.Continue;
        return new SequentialLook(k + 1, n, design.Fractions[k], design.Boundaries[k], design.CumulativeAlpha[k],
            lookAlpha, mean, t, df, z, tostP, decision);
    }

    /// <summary>
    /// Z = Φ⁻¹(F_t(T; df)), computed from the smaller tail so that large |T| keep their precision; ±∞ when the
    /// tail underflows.
    /// </summary>
    public static double ZFromT(double t, int df)
    {
        if (double.IsNaN(t)) return double.NaN;
        if (t == 0) return 0;
        var tail = StudentTTail.Upper(Math.Abs(t), df);
        var z = -Normal.InvCDF(0, 1, tail);
        return Math.Sign(t) * z;
    }

    /// <summary>TOST p = max of the one-sided p's of H₀: mean ≤ −margin and H₀: mean ≥ +margin.</summary>
    private static double TostP(double mean, double se, int df, double margin)
    {
        if (se == 0) return Math.Abs(mean) < margin ? 0 : 1;
        var pLower = StudentTTail.Upper((mean + margin) / se, df);
        var pUpper = StudentTTail.Lower((mean - margin) / se, df);
        return Math.Max(pLower, pUpper);
    }
}
