using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>The silo-loss scenario with the real TorchSharp training core on tiny-bert.</summary>
[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class RealTrainingLossTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_real_training_trial_on_a_killed_silo_resumes_elsewhere_from_its_checkpoint()
    {
        var spec = Specs.Make("real-loss", seeds: 2, ["B-FP"], steps: 400, concurrency: 2, checkpointEvery: 20, model: "tiny-bert") with
        {
            Training = new() { MaxSteps = 400, BatchSize = 8, MaxLength = 32, MaxEvalExamples = 32, WarmupSteps = 2 },
            ThreadsPerTrial = 1,
        };
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var primary = fx.Cluster.Silos[0].SiloAddress.ToParsableString();
        var status = await Eventually.Until(grain.GetStatus,
            s => s.IsFinished || s.Trials.Any(t => t.Silo != primary && t.Progress is { Step: >= 50 }), TimeSpan.FromSeconds(120), "a trial past step 50 off the primary");
        Assert.False(status.IsFinished, "finished before the kill: " + string.Join("; ", status.Trials.Select(t => $"{t.Id} {t.State} {t.Error}")));
        var victim = status.Trials.First(t => t.Silo != primary && t.Progress is { Step: >= 50 });
        ExperimentStatus done = null!;
        ExperimentResults results = null!;
        await fx.KillAndReplace(victim.Silo, async () =>
        {
            done = await Specs.Finished(grain, seconds: 240);
            results = await grain.GetResults();
        });

        Assert.Equal(ExperimentState.Completed, done.State);
        Assert.Equal(2, results.Trials.Count);
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        var outcome = results.Trials.Single(t => t.Id == victim.Id);
        Assert.NotEqual(victim.Silo, outcome.Silo);
        Assert.True(outcome.Attempts >= 2, $"{outcome.Attempts} attempts");
        Assert.Equal(results.Trials.Single(t => t.Id != victim.Id).Metrics["steps"], outcome.Metrics["steps"]); // as many steps as the uninterrupted trial
        Assert.True(outcome.Metrics["accuracy"] is >= 0 and <= 1);
        var resumed = RoutingExecutor.Attempts.Last(a => a.TrialId == victim.Id);
        Assert.NotEqual(victim.Silo, resumed.Silo);
        Assert.True(resumed.HadCheckpoint, "the resumed attempt found no checkpoint");
    }
}
