using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class SiloLossTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_trial_on_a_killed_silo_finishes_elsewhere_from_its_last_checkpoint_with_one_result_per_trial()
    {
        var spec = Specs.Make("silo-loss", seeds: 3, ["B-FP", "B-Q4"], steps: 400, concurrency: 6, checkpointEvery: 10);
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var mps = fx.SiloWith("mps").Address;
        var status = await Eventually.Until(grain.GetStatus,
            s => s.Trials.Any(t => t.Silo == mps && t.Progress is { Step: > 30 }), TimeSpan.FromSeconds(30), "a trial past step 30 on the mps silo");
        var victims = status.Trials.Where(t => t.Silo == mps && t.State == TrialState.Running).Select(t => t.Id).ToList();

        Assert.NotEmpty(victims);
        ExperimentStatus done = null!;
        ExperimentResults results = null!;
        await fx.KillAndReplace(mps, async () =>
        {
            done = await Specs.Finished(grain, seconds: 90);
            results = await grain.GetResults();
        });

        Assert.Equal(ExperimentState.Completed, done.State);
        Assert.Equal(6, results.Trials.Count);
        Assert.Equal(6, results.Trials.Select(t => t.Id).Distinct().Count());
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        foreach (var id in victims)
        {
            var outcome = results.Trials.Single(t => t.Id == id);
            Assert.NotEqual(mps, outcome.Silo);
            Assert.True(outcome.Attempts >= 2, $"{id}: {outcome.Attempts} attempts");
            var resumed = ClusterFixture.Log.Attempts.Last(a => a.TrialId == id);
            Assert.True(resumed.FromStep >= 30, $"{id} resumed from step {resumed.FromStep}, not from its checkpoint");
            Assert.Equal(0, resumed.FromStep % 10);
        }
    }
}
