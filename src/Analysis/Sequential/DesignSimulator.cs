namespace Sweep.Analysis.Sequential;

/// <summary>
/// A synthetic comparison: per seed i, baseline_i = s_i + e_i and preset_i = s_i + δ + e'_i with a shared seed
/// effect s_i ~ N(0, <see cref="SeedSd"/>) (it cancels in the pairing) and independent noise e, e' ~
/// N(0, <see cref="NoiseSd"/>). <see cref="Effect"/> and <see cref="EquivalenceMargin"/> are in units of the
/// standard deviation of the paired difference, σ_d = NoiseSd·√2, so Effect is Cohen's d_z.
/// </summary>
public sealed record SimulationScenario(double Effect, double NoiseSd = 1, double SeedSd = 1, double? EquivalenceMargin = null);

/// <summary>
/// What N simulated sweeps of one design did: how often a difference was declared (either direction), how often
/// in the true direction (power, for a non-zero effect), how often equivalence was declared, and the mean number
/// of seeds used against the design's maximum.
/// </summary>
public sealed record SimulationReport(
    SequentialMethod Method,
    double Effect,
    int Sweeps,
    double RejectionRate,
    double Power,
    double EquivalenceRate,
    double MeanSeeds,
    int MaxSeeds)
{
    public double SeedsFraction => MeanSeeds / MaxSeeds;

    /// <summary>Binomial standard error of the rejection rate.</summary>
    public double RejectionError => Math.Sqrt(RejectionRate * (1 - RejectionRate) / Sweeps);
}

/// <summary>
/// Monte Carlo of a <see cref="GroupSequentialDesign"/> on <see cref="SimulationScenario"/>s with a seeded
/// generator: the same seed gives the same outcomes for every design, so designs are compared on common random
/// numbers.
/// </summary>
public static class DesignSimulator
{
    public static SimulationReport Run(GroupSequentialDesign design, SimulationScenario scenario, int sweeps, int seed)
    {
        if (sweeps < 1) throw new ArgumentOutOfRangeException(nameof(sweeps), sweeps, "at least one sweep");
        if (!(scenario.NoiseSd > 0)) throw new ArgumentOutOfRangeException(nameof(scenario), scenario.NoiseSd, "noise sd must be positive");
        var sigmaD = scenario.NoiseSd * Math.Sqrt(2);
        var delta = scenario.Effect * sigmaD;
        var margin = scenario.EquivalenceMargin * sigmaD;
        var max = design.MaxSeeds;
        var rng = new Gaussian(seed);
        var d = new double[max];
        int rejected = 0, right = 0, equivalent = 0;
        long seeds = 0;
        for (var s = 0; s < sweeps; s++)
        {
            for (var i = 0; i < max; i++)
            {
                var shared = scenario.SeedSd * rng.Next();
                var baseline = shared + scenario.NoiseSd * rng.Next();
                var preset = shared + delta + scenario.NoiseSd * rng.Next();
                d[i] = preset - baseline;
            }
            var result = SequentialComparison.Run(design, d, margin);
            seeds += result.Seeds;
            switch (result.Decision)
            {
                case SequentialDecision.Efficacy:
                    rejected++;
                    if (delta != 0 && Math.Sign(result.Looks[^1].Z) == Math.Sign(delta)) right++;
                    break;
                case SequentialDecision.Equivalence:
                    equivalent++;
                    break;
            }
        }
        return new SimulationReport(design.Method, scenario.Effect, sweeps, (double)rejected / sweeps,
            (double)right / sweeps, (double)equivalent / sweeps, (double)seeds / sweeps, max);
    }

    /// <summary>
    /// A markdown table of every design in <paramref name="methods"/> at each effect size, over the seed schedule:
    /// rejection rate (type I error at effect 0, power otherwise), equivalence rate and mean seeds.
    /// </summary>
    public static string Table(SeedSchedule schedule, IReadOnlyList<SequentialMethod> methods, IReadOnlyList<double> effects,
        double alpha = 0.05, double? margin = null, int sweeps = 10_000, int seed = 20260, bool calibrateForT = true)
    {
        var designs = methods.Select(m => GroupSequentialDesign.Create(m, alpha, schedule, calibrateForT)).ToArray();
        var lines = new List<string>
        {
            "| effect (σ_d) | design | rejects (± MC se) | in true direction | equivalent | mean seeds | of max |",
            "|---:|---|---:|---:|---:|---:|---:|",
        };
        foreach (var effect in effects)
            foreach (var design in designs)
            {
                var r = Run(design, new SimulationScenario(effect, EquivalenceMargin: margin), sweeps, seed);
                lines.Add(FormattableString.Invariant(
                    $"| {effect:0.0} | {Name(design.Method)} | {r.RejectionRate:0.0000} ± {r.RejectionError:0.0000} | {(effect == 0 ? "–" : r.Power.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture))} | {r.EquivalenceRate:0.0000} | {r.MeanSeeds:0.00} | {r.SeedsFraction:0%} |"));
            }
        return string.Join('\n', lines);
    }

    public static string Name(SequentialMethod method) => method switch
    {
        SequentialMethod.None => "fixed max",
        SequentialMethod.OBrienFleming => "obrien-fleming",
        SequentialMethod.Pocock => "pocock",
        _ => method.ToString(),
    };

    /// <summary>Standard normal deviates by the Box–Muller transform over a seeded <see cref="Random"/>.</summary>
    private sealed class Gaussian(int seed)
    {
        private readonly Random _uniform = new(seed);
        private double? _spare;

        public double Next()
        {
            if (_spare is { } s)
            {
                _spare = null;
                return s;
            }
            var u = 1 - _uniform.NextDouble(); // (0, 1]: keeps the logarithm finite
            var v = _uniform.NextDouble();
            var r = Math.Sqrt(-2 * Math.Log(u));
            _spare = r * Math.Sin(2 * Math.PI * v);
            return r * Math.Cos(2 * Math.PI * v);
        }
    }
}
