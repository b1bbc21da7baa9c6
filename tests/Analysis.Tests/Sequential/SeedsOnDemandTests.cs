using Sweep.Analysis.Sequential;
using Sweep.Settings;

namespace Sweep.Analysis.Tests.Sequential;

[Category(Category.Unit)]
public sealed class SeedsOnDemandTests
{
    private static readonly SeedPlan Plan = new() { Start = 3, Max = 9, Step = 3 };
    private static readonly GroupSequentialDesign Obf = SeedsOnDemand.DesignFor(
        new AnalysisSpec { Sequential = SequentialMethods.OBrienFleming, Alpha = 0.05 }, Plan);
    private static readonly IReadOnlyList<int> Seeds = Plan.Seeds();
    private static readonly SequentialArm Far = new("t", "Joint-3"), Near = new("t", "B-Q4");

    // Baseline noise per seed, and per-seed differences: Joint-3 sits 0.10 above with spread 0.01 (t ≈ 17 at 3 seeds,
    // z ≈ 2.9 < b₁ ≈ 3.92; t ≈ 24 at 6 seeds, beyond b₂); B-Q4 wanders around zero.
    private static readonly double[] Base = [0.80, 0.82, 0.79, 0.81, 0.83, 0.80, 0.78, 0.82, 0.81];
    private static readonly double[] FarDiff = [0.10, 0.11, 0.09, 0.10, 0.105, 0.095, 0.10, 0.11, 0.09];
    private static readonly double[] NearDiff = [0.01, -0.02, 0.005, -0.01, 0.02, -0.005, 0.0, 0.01, -0.015];

    private static IReadOnlyDictionary<int, double> Values(double[] baseline, double[]? diff, int upTo, params int[] failed) =>
        Enumerable.Range(1, upTo).Where(s => !failed.Contains(s))
            .ToDictionary(s => s, s => baseline[s - 1] + (diff?[s - 1] ?? 0));

    private static Func<string, string, IReadOnlyDictionary<int, double>> Table(int upTo, params int[] failedFar) => (_, preset) => preset switch
    {
        "B-FP" => Values(Base, null, upTo),
        "Joint-3" => Values(Base, FarDiff, upTo, failedFar),
        _ => Values(Base, NearDiff, upTo),
    };

    private static readonly Dictionary<SequentialArm, IReadOnlyList<SequentialLook>> NoHistory = new();

    [Fact]
    public void The_first_look_keeps_both_open_and_asks_the_next_seeds_for_them_and_the_baseline()
    {
        var planner = new SeedsOnDemand(Obf, "B-FP", null);
        var r = planner.Decide(0, [Far, Near], NoHistory, Seeds, Table(3));
        Assert.Equal(SequentialDecision.Continue, r.Looks[Far].Decision);
        Assert.Equal(SequentialDecision.Continue, r.Looks[Near].Decision);
        Assert.Equal(6, r.NextSeeds);
        Assert.Equal(["B-FP", "Joint-3", "B-Q4"], r.NextRuns.Select(a => a.Preset));
    }

    [Fact]
    public void A_clear_difference_stops_at_the_second_look_and_only_the_open_comparison_and_the_baseline_run_on()
    {
        var planner = new SeedsOnDemand(Obf, "B-FP", null);
        var first = planner.Decide(0, [Far, Near], NoHistory, Seeds, Table(3));
        var history = first.Looks.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<SequentialLook>)[kv.Value]);
        var second = planner.Decide(1, [Far, Near], history, Seeds, Table(6));
        Assert.Equal(SequentialDecision.Efficacy, second.Looks[Far].Decision);
        Assert.True(second.Looks[Far].Z > 0, "Joint-3 is above the baseline");
        Assert.Equal(6, second.Looks[Far].Seeds);
        Assert.Equal(SequentialDecision.Continue, second.Looks[Near].Decision);
        Assert.Equal(["B-FP", "B-Q4"], second.NextRuns.Select(a => a.Preset));
        Assert.Equal(9, second.NextSeeds);

        var third = planner.Decide(2, [Near], history, Seeds, Table(9));
        Assert.Equal(SequentialDecision.StopAtMax, third.Looks[Near].Decision);
        Assert.Null(third.NextSeeds);
        Assert.Empty(third.NextRuns);
    }

    [Fact]
    public void A_look_short_of_a_failed_trial_is_tested_against_boundaries_for_the_seeds_it_has()
    {
        var planner = new SeedsOnDemand(Obf, "B-FP", null);
        var history = new Dictionary<SequentialArm, IReadOnlyList<SequentialLook>>
        {
            [Far] = [planner.Decide(0, [Far], NoHistory, Seeds, Table(3)).Looks[Far]],
        };
        var look = planner.Decide(1, [Far], history, Seeds, Table(6, failedFar: 5)).Looks[Far];
        Assert.Equal(5, look.Seeds);
        // Independent of the planner: the design spent over looks at 3, 5 and 9 seeds.
        var expected = GroupSequentialDesign.FromSpending(SequentialMethod.OBrienFleming, SpendingFunction.OBrienFleming(0.05), [3, 5, 9], 9);
        Assert.Equal(expected.Boundaries[1], look.Boundary, 12);
        Assert.Equal(SpendingFunction.OBrienFleming(0.05).Spent(5.0 / 9), look.SpentAlpha, 12);
        Assert.NotEqual(Obf.Boundaries[1], look.Boundary);
    }

    [Fact]
    public void A_look_with_fewer_than_two_pairs_is_not_tested_and_stays_open()
    {
        var planner = new SeedsOnDemand(Obf, "B-FP", null);
        var look = planner.Decide(0, [Far], NoHistory, Seeds, Table(3, failedFar: [1, 2])).Looks[Far];
        Assert.Equal(1, look.Seeds);
        Assert.True(double.IsNaN(look.Z));
        Assert.Equal(SequentialDecision.Continue, look.Decision);
    }

    [Fact]
    public void Equivalence_inside_a_wide_margin_stops_a_null_comparison_early()
    {
        var pocock = SeedsOnDemand.DesignFor(new AnalysisSpec { Sequential = SequentialMethods.Pocock }, Plan);
        var planner = new SeedsOnDemand(pocock, "B-FP", margin: 0.5);
        var r = planner.Decide(0, [Near], NoHistory, Seeds, Table(3));
        // mean −0.0017, sd 0.0153 over 3 seeds: TOST p for ±0.5 is about 4e-4, below Pocock's first share (0.0179).
        Assert.Equal(SequentialDecision.Equivalence, r.Looks[Near].Decision);
        Assert.Null(r.NextSeeds);
    }

    [Fact]
    public void None_is_one_look_at_max()
    {
        var none = SeedsOnDemand.DesignFor(new AnalysisSpec { Sequential = SequentialMethods.None }, Plan);
        Assert.Equal([9], none.Seeds);
        Assert.Equal(1.959964, none.Boundaries[0], 5);
    }

    [Fact]
    public void The_compared_metric_follows_the_task()
    {
        Assert.Equal("accuracy", SeedsOnDemand.MetricFor(TaskKind.Classification));
        Assert.Equal("perplexity", SeedsOnDemand.MetricFor(TaskKind.LanguageModelling));
    }
}
