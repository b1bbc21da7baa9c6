using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Sequential;

/// <summary>
/// One step of the Armitage–McPherson–Rowe recursion (Armitage, McPherson and Rowe 1969; Jennison and Turnbull
/// 2000, chapter 19). Work on the score scale S_k = Z_k·√t_k with information I_k = t_k (only the fractions
/// matter), where S has independent increments S_k − S_{k−1} ~ N(θ·Δ_k, Δ_k), Δ_k = t_k − t_{k−1}, and θ is the
/// drift: E[Z_k] = θ·√t_k. A <see cref="SubDensity"/> is the sub-density of S_k restricted to paths that have
/// not crossed any boundary up to and including look k, stored as Simpson-weighted values g_j = w_j·f_k(s_j) on a
/// uniform grid spanning the continuation interval, so that ∫ h(s) f_k(s) ds ≈ Σ_j g_j·h(s_j).
/// </summary>
public sealed class SubDensity
{
    /// <summary>Paths further than this many standard deviations from the mean carry no mass worth integrating.</summary>
    private const double Reach = 10;

    /// <summary>The grid never grows beyond this many points (very unequal looks would otherwise ask for more).</summary>
    private const int MaxPoints = 20001;

    private readonly double[] _s;
    private readonly double[] _g;

    /// <summary>Information fraction of the look this sub-density belongs to.</summary>
    public double T { get; }

    /// <summary>Total mass: the probability of not having stopped by this look.</summary>
    public double Mass => _g.Sum();

    public int Points => _s.Length;

    private SubDensity(double t, double[] s, double[] g)
    {
        T = t;
        _s = s;
        _g = g;
    }

    /// <summary>
    /// Probability of first crossing above <paramref name="upper"/> and below <paramref name="lower"/> (z-scale)
    /// at the look with fraction <paramref name="t"/>, given the sub-density of the previous look
    /// (<c>null</c> for the first look).
    /// </summary>
    public static (double Upper, double Lower) Exit(SubDensity? previous, double t, double upper, double lower, double theta)
    {
        var delta = Step(previous, t);
        var sd = Math.Sqrt(delta);
        var su = upper * Math.Sqrt(t);
        var sl = lower * Math.Sqrt(t);
        if (previous is null)
            return (Normal.CDF(0, 1, -(su - theta * t) / sd), Normal.CDF(0, 1, (sl - theta * t) / sd));
        double up = 0, low = 0;
        for (var j = 0; j < previous._s.Length; j++)
        {
            var mean = previous._s[j] + theta * delta;
            if (!double.IsPositiveInfinity(su)) up += previous._g[j] * Normal.CDF(0, 1, -(su - mean) / sd);
            if (!double.IsNegativeInfinity(sl)) low += previous._g[j] * Normal.CDF(0, 1, (sl - mean) / sd);
        }
        return (up, low);
    }

    /// <summary>
    /// The sub-density at the look with fraction <paramref name="t"/> of the paths that stay strictly between
    /// <paramref name="lower"/> and <paramref name="upper"/> (z-scale). <paramref name="step"/> is the grid
    /// spacing in units of the narrowest relevant standard deviation: that of this look's increment and that of
    /// the next one (<paramref name="nextT"/>), so both this density and the next convolution are resolved.
    /// </summary>
    public static SubDensity Advance(SubDensity? previous, double t, double upper, double lower, double theta,
        double nextT, double step)
    {
        var delta = Step(previous, t);
        var sd = Math.Sqrt(delta);
        var scale = Math.Min(sd, nextT > t ? Math.Sqrt(nextT - t) : sd);
        var center = theta * t;
        var lo = Math.Max(lower * Math.Sqrt(t), center - Reach * Math.Sqrt(t));
        var hi = Math.Min(upper * Math.Sqrt(t), center + Reach * Math.Sqrt(t));
        if (!(hi > lo)) return new SubDensity(t, [], []);
        var intervals = (int)Math.Ceiling((hi - lo) / (step * scale));
        intervals = Math.Clamp(intervals + intervals % 2, 2, MaxPoints - 1);
        var h = (hi - lo) / intervals;
        var s = new double[intervals + 1];
        var g = new double[intervals + 1];
        var norm = 1 / (sd * Math.Sqrt(2 * Math.PI));
        for (var i = 0; i <= intervals; i++)
        {
            s[i] = lo + i * h;
            double f;
            if (previous is null)
            {
                var z = (s[i] - theta * t) / sd;
                f = norm * Math.Exp(-0.5 * z * z);
            }
            else
            {
                f = 0;
                for (var j = 0; j < previous._s.Length; j++)
                {
                    var z = (s[i] - previous._s[j] - theta * delta) / sd;
                    if (z is > -Reach and < Reach) f += previous._g[j] * Math.Exp(-0.5 * z * z);
                }
                f *= norm;
            }
            var w = i == 0 || i == intervals ? 1.0 : i % 2 == 1 ? 4.0 : 2.0;
            g[i] = w * h / 3 * f;
        }
        return new SubDensity(t, s, g);
    }

    /// <summary>The increment Δ = t − t_previous (t itself at the first look); fractions must increase.</summary>
    private static double Step(SubDensity? previous, double t)
    {
        var t0 = previous?.T ?? 0;
        if (!(t > t0)) throw new ArgumentException($"information fractions must increase: {t0} then {t}", nameof(t));
        return t - t0;
    }
}
