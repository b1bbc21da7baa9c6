using Sweep.Analysis.Sequential;
using Xunit.Abstractions;

namespace Sweep.Analysis.Tests.Sequential;

/// <summary>
/// Operating characteristics of the designs over seeds 3, 6, 9, 12 at two-sided α = 0.05, 10,000 simulated
/// sweeps per row. The Monte Carlo error of a rate p is √(p(1 − p)/10,000); "≤ α + Monte Carlo error" is read as
/// ≤ α + 2 standard errors of α (0.0544).
/// </summary>
[Category(Category.Unit)]
public sealed class DesignSimulatorTests(ITestOutputHelper output)
{
    private const int Sweeps = 10_000;
    private const int Seed = 20260;
    private static readonly SeedSchedule Schedule = new(3, 3, 12);

    // Designs are built once per test run: the t calibration simulates 400,000 null paths.
    private static readonly Dictionary<SequentialMethod, Lazy<GroupSequentialDesign>> Designs =
        Enum.GetValues<SequentialMethod>().ToDictionary(m => m,
            m => new Lazy<GroupSequentialDesign>(() => GroupSequentialDesign.Create(m, 0.05, Schedule)));

    private static GroupSequentialDesign Design(SequentialMethod method) => Designs[method].Value;

    private SimulationReport Simulate(SequentialMethod method, double effect, double? margin = null)
    {
        var r = DesignSimulator.Run(Design(method), new SimulationScenario(effect, EquivalenceMargin: margin), Sweeps, Seed);
        output.WriteLine($"{method} effect {effect}: rejects {r.RejectionRate:F4}, power {r.Power:F4}, equivalent {r.EquivalenceRate:F4}, mean seeds {r.MeanSeeds:F2}");
        return r;
    }

    [Theory]
    [InlineData(SequentialMethod.OBrienFleming)]
    [InlineData(SequentialMethod.Pocock)]
    [InlineData(SequentialMethod.None)]
    public void With_no_effect_the_rejection_rate_stays_at_alpha(SequentialMethod method)
    {
        var r = Simulate(method, 0);
        var mcError = Math.Sqrt(0.05 * 0.95 / Sweeps);
        Assert.True(r.RejectionRate <= 0.05 + 2 * mcError, $"type I error {r.RejectionRate:F4} > {0.05 + 2 * mcError:F4}");
        // Not so conservative that the level is wasted either.
        Assert.True(r.RejectionRate >= 0.05 - 3 * mcError, $"type I error {r.RejectionRate:F4}");
    }

    [Fact]
    public void With_an_effect_of_one_sd_OBrien_Fleming_keeps_the_power_of_the_fixed_design_and_Pocock_pays_more()
    {
        var fixedMax = Simulate(SequentialMethod.None, 1.0);
        var obf = Simulate(SequentialMethod.OBrienFleming, 1.0);
        var pocock = Simulate(SequentialMethod.Pocock, 1.0);
        Assert.True(fixedMax.Power - obf.Power <= 0.05, $"fixed {fixedMax.Power:F4}, O'Brien–Fleming {obf.Power:F4}");
        // Pocock's flat boundary is ≈ 2.4 at the last look instead of 1.96: it trades power for early stops.
        Assert.True(pocock.Power < obf.Power, $"Pocock {pocock.Power:F4}, O'Brien–Fleming {obf.Power:F4}");
        Assert.True(pocock.MeanSeeds < obf.MeanSeeds && obf.MeanSeeds < 12);
    }

    [Theory]
    [InlineData(SequentialMethod.Pocock, 1.5)]
    [InlineData(SequentialMethod.Pocock, 2.0)]
    [InlineData(SequentialMethod.OBrienFleming, 2.0)]
    [InlineData(SequentialMethod.OBrienFleming, 2.5)]
    public void Large_effects_stop_early(SequentialMethod method, double effect)
    {
        var r = Simulate(method, effect);
        Assert.True(r.SeedsFraction <= 0.60, $"mean seeds {r.MeanSeeds:F2} of 12 = {r.SeedsFraction:P1}");
        Assert.True(r.Power >= 0.98, $"power {r.Power:F4}");
    }

    [Fact]
    public void An_equivalence_margin_stops_some_null_comparisons_without_raising_the_rejection_rate()
    {
        var without = Simulate(SequentialMethod.Pocock, 0);
        var with = Simulate(SequentialMethod.Pocock, 0, margin: 1.0);
        Assert.True(with.EquivalenceRate > 0.2, $"equivalence {with.EquivalenceRate:F4}");
        Assert.True(with.MeanSeeds < without.MeanSeeds);
        Assert.True(with.RejectionRate <= without.RejectionRate);
        // On the margin itself equivalence must not be claimed more often than α.
        var onMargin = Simulate(SequentialMethod.Pocock, 1.0, margin: 1.0);
        Assert.True(onMargin.EquivalenceRate <= 0.05 + 2 * Math.Sqrt(0.05 * 0.95 / Sweeps), $"false equivalence {onMargin.EquivalenceRate:F4}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_sweeps()
    {
        var design = Design(SequentialMethod.Pocock);
        var a = DesignSimulator.Run(design, new SimulationScenario(0.8), 500, 7);
        var b = DesignSimulator.Run(design, new SimulationScenario(0.8), 500, 7);
        var c = DesignSimulator.Run(design, new SimulationScenario(0.8), 500, 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    /// <summary>
    /// Prints the operating-characteristics table of docs/sequential-design.md:
    /// <c>dotnet test tests/Analysis.Tests --filter FullyQualifiedName~PrintsTheOperatingCharacteristics --logger "console;verbosity=detailed"</c>.
    /// </summary>
    [Fact]
    public void PrintsTheOperatingCharacteristics()
    {
        SequentialMethod[] methods = [SequentialMethod.None, SequentialMethod.OBrienFleming, SequentialMethod.Pocock];
        double[] effects = [0, 0.5, 1, 1.5, 2, 2.5];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var table = DesignSimulator.Table(Schedule, methods, effects, sweeps: Sweeps, seed: Seed);
        output.WriteLine(table);
        output.WriteLine($"({watch.Elapsed.TotalSeconds:F1} s)");
        output.WriteLine("");
        output.WriteLine("equivalence margin 0.5 σ_d:");
        output.WriteLine(DesignSimulator.Table(Schedule, methods, effects, margin: 0.5, sweeps: Sweeps, seed: Seed));
        output.WriteLine("");
        output.WriteLine("normal-theory boundaries without the t calibration:");
        output.WriteLine(DesignSimulator.Table(Schedule, methods, [0, 1], sweeps: Sweeps, seed: Seed, calibrateForT: false));
        output.WriteLine("");
        output.WriteLine("normal theory (known variance, E[Z_K] = effect·√12), recursion:");
        foreach (var method in methods)
        {
            var d = Design(method);
            output.WriteLine($"{method}: boundaries {string.Join(" ", d.Boundaries.Select(b => b.ToString("F4")))}; normal {string.Join(" ", d.NormalBoundaries.Select(b => b.ToString("F4")))}; α(t) {string.Join(" ", d.CumulativeAlpha.Select(a => a.ToString("F5")))}");
            foreach (var effect in effects)
            {
                var p = CrossingProbability.TwoSided(d.Fractions, d.NormalBoundaries, effect * Math.Sqrt(12));
                var stopSeeds = d.Seeds.Select((n, k) => n * (p.Upper[k] + p.Lower[k])).Sum() + d.MaxSeeds * (1 - p.Total);
                output.WriteLine($"  effect {effect}: power {p.Total:F4}, expected seeds {stopSeeds:F2}");
            }
        }
        Assert.Contains("| 2.5 | pocock |", table);
    }
}
