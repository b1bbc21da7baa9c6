using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// Seeds on demand on the test cluster: simulated accuracy is uniform over [0.80, 0.90) per (preset, seed) (paired
/// differences with sd ≈ 0.04); Joint-3 gets a true effect of +0.5, B-Q4 none. With seeds { start 3, max 9, step 3 }
/// and O'Brien–Fleming-type boundaries, Joint-3 cannot cross at 3 seeds (t ≈ 21 with 2 df is z ≈ 3.0 against b₁ ≈ 3.4)
/// but crosses at 6; B-Q4 runs to 9.
/// </summary>
[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class SeedsOnDemandClusterTests(ClusterFixture fx)
{
    private static SweepSpec Spec(string name, string method) =>
        Specs.Make(name, seeds: 9, ["B-FP", "B-Q4", "Joint-3"], steps: 3) with
        {
            Tasks = [new TaskSpec { Name = name, Model = "sim", Data = "toy-sentiment" }],
            SeedPlan = new SeedPlan { Start = 3, Max = 9, Step = 3 },
            Analysis = new AnalysisSpec { Baseline = "B-FP", Sequential = method, Alpha = 0.05 },
        };

    [Fact]
    public async Task A_clear_effect_stops_at_the_second_look_while_a_null_comparison_runs_to_max()
    {
        var spec = Spec("seq-obf", SequentialMethods.OBrienFleming);
        RoutingExecutor.Effects[("seq-obf", "Joint-3")] = 0.5;
        var (grain, submitted) = await Specs.Submit(fx.Client, spec);
        Assert.Equal(9, submitted.Total); // the first look: 3 presets × 3 seeds
        Assert.Equal(1, submitted.Sequential!.CurrentLook);

        var status = await Specs.Finished(grain, seconds: 60);
        var results = await grain.GetResults();
        var report = results.Sequential!;

        Assert.Equal(ExperimentState.Completed, status.State);
        var far = report.Comparisons.Single(c => c.Preset == "Joint-3");
        Assert.Equal((SequentialDecisions.Efficacy, 2, 6, "efficacy_upper"), (far.Decision, far.Look, far.Seeds, far.BoundaryCrossed));
        Assert.Equal(SequentialDecisions.Continue, far.History[0].Decision);
        var near = report.Comparisons.Single(c => c.Preset == "B-Q4");
        Assert.Equal((3, 9), (near.Look, near.Seeds));
        Assert.Equal([3, 6, 9], near.History.Select(l => l.Seeds));
        Assert.True(report.Done);
        // The recorded boundaries are the design's, look by look, and the α spent grows to α at the last look.
        Assert.Equal(0.05, near.History[^1].SpentAlpha, 12);
        Assert.True(near.History[0].Boundary > near.History[1].Boundary && near.History[1].Boundary > near.History[2].Boundary);

        // Joint-3 ran seeds 1–6, the baseline and B-Q4 all nine: 24 trials of 27.
        Assert.Equal(24, results.Trials.Count);
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(Enumerable.Range(1, 6), results.Trials.Where(t => t.Preset == "Joint-3").Select(t => t.Seed).Order());
        Assert.Equal(9, results.Trials.Count(t => t.Preset == "B-FP"));
        Assert.Equal((24L, 27L, 3L), (report.TrialsScheduled, report.TrialsAtMax, report.TrialsSaved));
        Assert.Equal(24, status.Total);
    }

    [Fact]
    public async Task A_huge_effect_stops_at_the_first_look_with_pocock_and_the_baseline_still_pairs_the_open_comparison()
    {
        var spec = Spec("seq-pocock", SequentialMethods.Pocock);
        RoutingExecutor.Effects[("seq-pocock", "Joint-3")] = 0.5;
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        await Specs.Finished(grain, seconds: 60);
        var results = await grain.GetResults();
        var far = results.Sequential!.Comparisons.Single(c => c.Preset == "Joint-3");

        // Pocock's b₁ ≈ 2.37 (p ≈ 0.018): t ≈ 21 with 2 df is beyond it.
        Assert.Equal((SequentialDecisions.Efficacy, 1, 3), (far.Decision, far.Look, far.Seeds));
        Assert.Equal(3, results.Trials.Count(t => t.Preset == "Joint-3"));
        var near = results.Sequential.Comparisons.Single(c => c.Preset == "B-Q4");
        Assert.Equal(near.Seeds, results.Trials.Count(t => t.Preset == "B-FP"));
        Assert.Equal(near.Seeds, results.Trials.Count(t => t.Preset == "B-Q4"));
    }
}
