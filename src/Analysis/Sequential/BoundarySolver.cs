using MathNet.Numerics.RootFinding;

namespace Sweep.Analysis.Sequential;

/// <summary>Classic constant-shape two-sided designs for K equally spaced looks.</summary>
public enum ClassicShape
{
    /// <summary>Pocock (1977): the same boundary c at every look.</summary>
    Pocock,

    /// <summary>O'Brien and Fleming (1979): b_k = c·√(K/k), strict early and near the fixed-sample value at the end.</summary>
    OBrienFleming,
}

/// <summary>
/// Two-sided symmetric boundaries ±b_k whose overall crossing probability under H₀ equals α, computed with
/// <see cref="CrossingProbability"/> and a bracketing root finder.
/// </summary>
public static class BoundarySolver
{
    /// <summary>Upper end of the search for a boundary: Φ(−20) ≈ 3e-89, far below any spend that is not treated as zero.</summary>
    private const double Far = 20;

    /// <summary>A look whose α increment is below this stops on no data (infinite boundary).</summary>
    private const double Negligible = 1e-15;

    /// <summary>
    /// Lan–DeMets boundaries: at each look k, b_k solves P(first crossing at look k | H₀, b_1 … b_{k−1}) =
    /// α(t_k) − α(t_{k−1}), so the cumulative crossing probability by look k equals α(t_k). Fractions must
    /// increase within (0, 1]; they need not be equally spaced.
    /// </summary>
    public static double[] Spending(SpendingFunction spending, IReadOnlyList<double> fractions,
        double step = CrossingProbability.DefaultStep) =>
        Spending(spending.Spent, fractions, step);

    /// <summary>
    /// Boundaries for any cumulative two-sided spending <paramref name="spent"/>(t), non-decreasing from 0;
    /// used to reproduce designs tabulated under other conventions.
    /// </summary>
    public static double[] Spending(Func<double, double> spent, IReadOnlyList<double> fractions,
        double step = CrossingProbability.DefaultStep)
    {
        CheckFractions(fractions);
        var b = new double[fractions.Count];
        SubDensity? density = null;
        for (var k = 0; k < b.Length; k++)
        {
            var t = fractions[k];
            var target = spent(t) - (k == 0 ? 0 : spent(fractions[k - 1]));
            var previous = density;
            // Solved on the log scale: tail probabilities of 1e-5 would otherwise meet any absolute tolerance
            // long before the boundary is accurate.
            double Excess(double c)
            {
                var (up, low) = SubDensity.Exit(previous, t, c, -c, 0);
                return Math.Log(up + low) - Math.Log(target);
            }
            b[k] = target < Negligible ? double.PositiveInfinity
                : Excess(0) <= 0 ? 0
                : Brent.FindRoot(Excess, 0, Far, 1e-13, 200);
            if (k + 1 < b.Length)
                density = SubDensity.Advance(density, t, b[k], -b[k], 0, fractions[k + 1], step);
        }
        return b;
    }

    /// <summary>
    /// The constant c of a classic design with <paramref name="looks"/> equally spaced looks: Pocock's C_P(K, α)
    /// or O'Brien–Fleming's C_B(K, α), such that the overall two-sided crossing probability under H₀ is α.
    /// </summary>
    public static double ClassicConstant(ClassicShape shape, int looks, double alpha = 0.05,
        double step = CrossingProbability.DefaultStep)
    {
        if (looks < 1) throw new AnalysisInputException($"the number of looks must be at least 1, got {looks}.");
        if (!(alpha > 0 && alpha < 1))
            throw new AnalysisInputException($"analysis.alpha must lie strictly between 0 and 1, got {alpha}.");
        var fractions = EqualFractions(looks);
        double Excess(double c) =>
            Math.Log(CrossingProbability.TwoSided(fractions, ClassicBoundaries(shape, looks, c), 0, step).Total / alpha);
        return Brent.FindRoot(Excess, 0.5, 10, 1e-13, 200);
    }

    /// <summary>The boundaries b_1 … b_K of a classic design with constant <paramref name="c"/>.</summary>
    public static double[] ClassicBoundaries(ClassicShape shape, int looks, double c) =>
        Enumerable.Range(1, looks)
            .Select(k => shape == ClassicShape.Pocock ? c : c * Math.Sqrt((double)looks / k))
            .ToArray();

    /// <summary>t_k = k/K.</summary>
    public static double[] EqualFractions(int looks) =>
        Enumerable.Range(1, looks).Select(k => (double)k / looks).ToArray();

    private static void CheckFractions(IReadOnlyList<double> fractions)
    {
        if (fractions.Count == 0) throw new ArgumentException("need at least one look", nameof(fractions));
        for (var k = 0; k < fractions.Count; k++)
        {
            var previous = k == 0 ? 0 : fractions[k - 1];
            if (!(fractions[k] > previous && fractions[k] <= 1))
                throw new ArgumentException($"information fractions must increase within (0, 1]: look {k + 1} has {fractions[k]} after {previous}", nameof(fractions));
        }
    }
}
