using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Statistics;

/// <summary>Tail probabilities of the Student t distribution (via MathNet's regularized incomplete beta).</summary>
public static class StudentTTail
{
    /// <summary>P(|T| ≥ |t|) for T ~ t(df); 1 for t = 0, NaN for NaN.</summary>
    public static double TwoSided(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        // 2·P(T ≤ −|t|) = I_{df/(df+t²)}(df/2, 1/2), the form that keeps precision in the far tail.
        var x = df / (df + t * t);
        return Math.Clamp(MathNet.Numerics.SpecialFunctions.BetaRegularized(df / 2, 0.5, x), 0, 1);
    }

    /// <summary>P(T ≥ t) for T ~ t(df).</summary>
    public static double Upper(double t, double df)
    {
        if (double.IsNaN(t)) return double.NaN;
        var half = TwoSided(t, df) / 2;
        return t >= 0 ? half : 1 - half;
    }

    /// <summary>P(T ≤ t) for T ~ t(df).</summary>
    public static double Lower(double t, double df) => Upper(-t, df);

    public static double Quantile(double p, double df) => StudentT.InvCDF(0, 1, df, p);
}
