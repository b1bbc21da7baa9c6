using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Sequential;

/// <summary>Shape of a Lan–DeMets α-spending function.</summary>
public enum SpendingShape
{
    /// <summary>O'Brien–Fleming type: α(t) = 2 − 2Φ(z_{α/2}/√t); spends almost nothing early.</summary>
    OBrienFleming,

    /// <summary>Pocock type: α(t) = α·ln(1 + (e − 1)t); spends evenly-ish over the looks.</summary>
    Pocock,
}

/// <summary>
/// A Lan–DeMets α-spending function (Lan and DeMets 1983): the cumulative two-sided type I error α(t) that may
/// have been spent once a fraction t ∈ [0, 1] of the maximum information has been seen; α(0) = 0, α(1) = α,
/// non-decreasing. Boundaries for any number and spacing of looks follow from it (<see cref="BoundarySolver"/>).
/// </summary>
public sealed record SpendingFunction
{
    public SpendingShape Shape { get; }
    public double Alpha { get; }

    public SpendingFunction(SpendingShape shape, double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
            throw new AnalysisInputException($"analysis.alpha must lie strictly between 0 and 1, got {alpha}.");
        if (!Enum.IsDefined(shape)) throw new AnalysisInputException($"analysis.sequential: unknown spending shape {shape}.");
        Shape = shape;
        Alpha = alpha;
    }

    public static SpendingFunction OBrienFleming(double alpha = 0.05) => new(SpendingShape.OBrienFleming, alpha);
    public static SpendingFunction Pocock(double alpha = 0.05) => new(SpendingShape.Pocock, alpha);

    /// <summary>Cumulative α spent at information fraction <paramref name="t"/> (clamped to [0, 1]).</summary>
    public double Spent(double t)
    {
        if (double.IsNaN(t)) throw new ArgumentException("information fraction is NaN", nameof(t));
        if (t <= 0) return 0;
        if (t >= 1) return Alpha;
        return Shape switch
        {
            // 2 − 2Φ(x) written as 2Φ(−x) to keep precision when x is large (tiny t).
            SpendingShape.OBrienFleming => 2 * Normal.CDF(0, 1, -Normal.InvCDF(0, 1, 1 - Alpha / 2) / Math.Sqrt(t)),
            SpendingShape.Pocock => Alpha * Math.Log(1 + (Math.E - 1) * t),
            _ => throw new InvalidOperationException($"unknown spending shape {Shape}"),
        };
    }

    public override string ToString() => $"{Shape}-type spending, α = {Alpha}";
}
