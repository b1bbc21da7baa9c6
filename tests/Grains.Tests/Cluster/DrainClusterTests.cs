using System.Diagnostics;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// A worker silo stopped gracefully (as SIGTERM stops a silo process) drains: its running trials checkpoint at their
/// current step (the spec never checkpoints on its own), are handed back, and finish on other silos from that step; no
/// trial starts on it once it drains; no retry is spent and every trial ends once.
/// </summary>
[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class DrainClusterTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_stopping_silo_hands_its_trials_back_at_their_current_step_and_takes_no_new_ones()
    {
        var spec = Specs.Make("drain", seeds: 4, ["B-FP", "B-Q4"], steps: 2500, concurrency: 8, checkpointEvery: 0) with { Retries = 0 };
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var mps = fx.SiloWith("mps").Address;
        var status = await Eventually.Until(grain.GetStatus,
            s => s.Trials.Any(t => t.Silo == mps && t.Progress is { Step: > 100 }) && s.Trials.Any(t => t.State == TrialState.Pending),
            TimeSpan.FromSeconds(30), "a trial past step 100 on the mps silo while others wait");
        var victims = status.Trials.Where(t => t.Silo == mps && t.State == TrialState.Running).ToDictionary(t => t.Id, t => t.Progress?.Step ?? 0);
        Assert.NotEmpty(victims);

        ExperimentResults results = null!;
        var startedOnMps = ClusterFixture.Log.Attempts.Count(a => a.Silo == mps);
        var stopping = Stopwatch.StartNew();
        TimeSpan stopped = default;
        await fx.StopAndReplace(mps, async () =>
        {
            stopped = stopping.Elapsed;
            await Specs.Finished(grain, seconds: 120);
            results = await grain.GetResults();
        });

        Assert.True(stopped < TimeSpan.FromSeconds(30), $"the drain took {stopped}");
        Assert.Equal(startedOnMps, ClusterFixture.Log.Attempts.Count(a => a.Silo == mps)); // pending trials waited: none started on the draining silo
        Assert.Equal(8, results.Trials.Count);
        Assert.Equal(8, results.Trials.Select(t => t.Id).Distinct().Count());
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        foreach (var (id, stepBefore) in victims)
        {
            var outcome = results.Trials.Single(t => t.Id == id);
            var resumed = ClusterFixture.Log.Attempts.Last(a => a.TrialId == id);
            Assert.NotEqual(mps, outcome.Silo);
            Assert.Equal(2, outcome.Attempts); // the one handed back and the one that finished: no retry, retries: 0 allows none
            Assert.True(resumed.FromStep > stepBefore, $"{id} resumed from step {resumed.FromStep}, at step {stepBefore} before the drain");
            Assert.Equal(resumed.FromStep, outcome.ResumedFromStep);
            Assert.Null(outcome.Error);
        }
    }

    [Fact]
    public async Task A_drain_that_runs_out_of_grace_still_hands_its_trials_back_to_resume_from_their_last_checkpoint()
    {
        ClusterFixture.Replacement = ("cpu", 2, "8GiB");
        ClusterFixture.LaterDrainGrace = TimeSpan.Zero; // no time to checkpoint: the drain ends the attempts at once
        var extra = await fx.Cluster.StartAdditionalSiloAsync();
        ClusterFixture.LaterDrainGrace = new Sweep.Grains.Hosting.SweepSiloOptions().DrainGrace;
        var silo = extra.SiloAddress.ToParsableString();
        var spec = Specs.Make("drain-no-grace", seeds: 2, ["B-FP", "B-Q4"], steps: 2500, accelerator: "cpu", concurrency: 4, checkpointEvery: 0) with { Retries = 0 };
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var status = await Eventually.Until(grain.GetStatus, s => s.Trials.Any(t => t.Silo == silo && t.Progress is { Step: > 100 }),
            TimeSpan.FromSeconds(30), "a trial past step 100 on the extra silo");
        var victims = status.Trials.Where(t => t.Silo == silo && t.State == TrialState.Running).Select(t => t.Id).ToList();

        var stopping = Stopwatch.StartNew();
        await fx.Cluster.StopSiloAsync(extra);
        var stopped = stopping.Elapsed;
        await Specs.Finished(grain, seconds: 120);
        var results = await grain.GetResults();

        Assert.True(stopped < TimeSpan.FromSeconds(20), $"stopping took {stopped}");
        Assert.Equal(4, results.Trials.Select(t => t.Id).Distinct().Count());
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        foreach (var id in victims)
        {
            var outcome = results.Trials.Single(t => t.Id == id);
            Assert.NotEqual(silo, outcome.Silo);
            Assert.Equal(2, outcome.Attempts);
            Assert.Equal(0, ClusterFixture.Log.Attempts.Last(a => a.TrialId == id).FromStep); // no checkpoint was taken: it starts over
            Assert.Null(outcome.ResumedFromStep);
        }
    }
}
