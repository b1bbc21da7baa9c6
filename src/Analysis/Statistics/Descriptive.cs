using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Statistics;

/// <summary>Mean, sample standard deviation (n − 1) and the Student-t confidence interval of a mean.</summary>
public static class Descriptive
{
    public static double Mean(IReadOnlyList<double> x)
    {
        if (x.Count == 0) return double.NaN;
        var s = 0.0;
        foreach (var v in x) s += v;
        return s / x.Count;
    }

    /// <summary>Sample variance with n − 1 in the denominator (two-pass for accuracy); NaN when n &lt; 2.</summary>
    public static double Variance(IReadOnlyList<double> x)
    {
        if (x.Count < 2) return double.NaN;
        var m = Mean(x);
        var ss = 0.0;
        foreach (var v in x) ss += (v - m) * (v - m);
        return ss / (x.Count - 1);
    }

    public static double Sd(IReadOnlyList<double> x) => Math.Sqrt(Variance(x));

    /// <summary>Two-sided t-interval of the mean at <paramref name="level"/> (0.95 → 95%); NaNs when n &lt; 2.</summary>
    public static (double Low, double High) TInterval(IReadOnlyList<double> x, double level = 0.95)
    {
        if (x.Count < 2) return (double.NaN, double.NaN);
        var m = Mean(x);
        var se = Sd(x) / Math.Sqrt(x.Count);
        var q = StudentT.InvCDF(0, 1, x.Count - 1, 0.5 + level / 2);
        return (m - q * se, m + q * se);
    }
}
