using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Sequential;

/// <summary>How the seeds of a sweep are spent: <c>analysis.sequential</c> in a spec.</summary>
public enum SequentialMethod
{
    /// <summary>No interim looks: every comparison runs to the maximum number of seeds and is tested once.</summary>
    None,

    /// <summary>Lan–DeMets O'Brien–Fleming-type spending.</summary>
    OBrienFleming,

    /// <summary>Lan–DeMets Pocock-type spending.</summary>
    Pocock,
}

/// <summary>
/// A two-sided group sequential design over a seed schedule: for each look k, the number of paired seeds n_k, the
/// information fraction t_k = n_k/n_max, the boundary b_k (stop for a difference when |Z_k| ≥ b_k), the cumulative
/// α spent by that look, α(t_k), and the normal-theory Lan–DeMets boundary the b_k started from. By default b_k is
/// recalibrated for the paired t statistic (<see cref="PairedTCalibration"/>); uncalibrated, b_k is the
/// normal-theory value. Immutable; build it with <see cref="Create"/>.
/// </summary>
public sealed record GroupSequentialDesign(
    SequentialMethod Method,
    double Alpha,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<double> Fractions,
    IReadOnlyList<double> Boundaries,
    IReadOnlyList<double> CumulativeAlpha,
    IReadOnlyList<double> NormalBoundaries)
{
    public int Looks => Seeds.Count;
    public int MaxSeeds => Seeds[^1];

    /// <summary>α spent at look k alone (0-based): α(t_k) − α(t_{k−1}).</summary>
    public double LookAlpha(int k) => CumulativeAlpha[k] - (k == 0 ? 0 : CumulativeAlpha[k - 1]);

    /// <summary>
    /// The design for <paramref name="method"/> at two-sided level <paramref name="alpha"/> over
    /// <paramref name="schedule"/>. <see cref="SequentialMethod.None"/> has one look at the maximum with the
    /// fixed-sample boundary z_{1−α/2}.
    /// </summary>
    public static GroupSequentialDesign Create(SequentialMethod method, double alpha, SeedSchedule schedule,
        bool calibrateForT = true)
    {
        if (!(alpha > 0 && alpha < 1))
            throw new AnalysisInputException($"analysis.alpha must lie strictly between 0 and 1, got {alpha}.");
        if (method == SequentialMethod.None)
        {
            var z = Normal.InvCDF(0, 1, 1 - alpha / 2);
            return new(method, alpha, [schedule.Max], [1.0], [z], [alpha], [z]);
        }
        var spending = method switch
        {
            SequentialMethod.OBrienFleming => SpendingFunction.OBrienFleming(alpha),
            SequentialMethod.Pocock => SpendingFunction.Pocock(alpha),
            _ => throw new AnalysisInputException($"analysis.sequential: unknown method {method}."),
        };
        return FromSpending(method, spending, schedule.Looks, schedule.Max, calibrateForT);
    }

    /// <summary>
    /// Boundaries for looks at arbitrary seed counts (for example when some trials failed and a look has fewer
    /// pairs than planned); the fractions are n_k / <paramref name="maxSeeds"/>.
    /// </summary>
    public static GroupSequentialDesign FromSpending(SequentialMethod method, SpendingFunction spending,
        IReadOnlyList<int> seeds, int maxSeeds, bool calibrateForT = true)
    {
        if (seeds.Count == 0) throw new AnalysisInputException("a sequential design needs at least one look.");
        var fractions = seeds.Select(n => (double)n / maxSeeds).ToArray();
        var normal = BoundarySolver.Spending(spending, fractions);
        var cumulative = fractions.Select(spending.Spent).ToArray();
        var boundaries = calibrateForT ? PairedTCalibration.Boundaries(seeds, cumulative) : normal;
        return new(method, spending.Alpha, seeds.ToArray(), fractions, boundaries, cumulative, normal);
    }
}
