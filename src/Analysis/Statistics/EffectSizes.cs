using MathNet.Numerics;

namespace Sweep.Analysis.Statistics;

/// <summary>Standardized effect sizes used beside the tests.</summary>
public static class EffectSizes
{
    /// <summary>Cohen's d_z of paired samples: mean(a − b) / sd(a − b).</summary>
    public static double CohensDz(IReadOnlyList<double> a, IReadOnlyList<double> b) => CohensDz(Differences.Of(a, b));

    public static double CohensDz(IReadOnlyList<double> d)
    {
        var sd = Descriptive.Sd(d);
        return sd == 0 || double.IsNaN(sd) ? double.NaN : Descriptive.Mean(d) / sd;
    }

    /// <summary>Hedges' g: Cohen's d with pooled sd, times the exact small-sample correction
    /// J = Γ(df/2) / (√(df/2)·Γ((df − 1)/2)), df = n₁ + n₂ − 2.</summary>
    public static double HedgesG(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n1 = a.Count, n2 = b.Count;
        var df = n1 + n2 - 2;
        if (n1 < 2 || n2 < 2) return double.NaN;
        var pooled = Math.Sqrt(((n1 - 1) * Descriptive.Variance(a) + (n2 - 1) * Descriptive.Variance(b)) / df);
        if (pooled == 0) return double.NaN;
        var d = (Descriptive.Mean(a) - Descriptive.Mean(b)) / pooled;
        var j = Math.Exp(SpecialFunctions.GammaLn(df / 2.0) - SpecialFunctions.GammaLn((df - 1) / 2.0)) / Math.Sqrt(df / 2.0);
        return d * j;
    }

    /// <summary>McNemar odds ratio b/c of the discordant pairs (∞ when c = 0 and b &gt; 0, NaN when both are 0).</summary>
    public static double McNemarOddsRatio(int b, int c) =>
        b == 0 && c == 0 ? double.NaN : c == 0 ? double.PositiveInfinity : (double)b / c;
}
