using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// The experiment grain writes its bookkeeping at most every few seconds; when its silo dies in between, the reactivated
/// experiment starts from a stale book and must rebuild it from the trial grains without running a finished trial again.
/// </summary>
[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class ExperimentSiloLossTests(ClusterFixture fx)
{
    [Fact]
    public async Task An_experiment_whose_silo_dies_rebuilds_its_book_from_the_trials_and_reruns_nothing_finished()
    {
        var spec = Specs.Make("experiment-loss", seeds: 6, ["B-FP", "B-Q4"], steps: 100, concurrency: 2);
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var before = await Eventually.Until(grain.GetStatus, s => s.Trials.Count(t => t.State == TrialState.Completed) >= 3,
            TimeSpan.FromSeconds(30), "three finished trials");
        Assert.False(before.IsFinished);
        var finishedBefore = before.Trials.Where(t => t.State == TrialState.Completed).Select(t => t.Id).ToList();
        var attemptsBefore = finishedBefore.ToDictionary(id => id, id => ClusterFixture.Log.Attempts.Count(a => a.TrialId == id)); // the log spans experiments
        var home = (await fx.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain))?.ToParsableString()
            ?? throw new InvalidOperationException("the experiment grain has no activation");

        ExperimentStatus? done = null;
        ExperimentResults results = null!;
        await fx.KillAndReplace(home, async () =>
        {
            done = await Eventually.Until(() => Tolerant(grain.GetStatus), s => s?.IsFinished == true, TimeSpan.FromSeconds(90), "the experiment to finish elsewhere");
            results = await grain.GetResults();
            Assert.NotEqual(home, (await fx.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain))?.ToParsableString());
        });

        Assert.Equal(ExperimentState.Completed, done!.State);
        Assert.Equal(12, results.Trials.Count);
        Assert.Equal(12, results.Trials.Select(t => t.Id).Distinct().Count());
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        foreach (var id in finishedBefore)
        {
            Assert.Equal(1, results.Trials.Single(t => t.Id == id).Attempts);
            Assert.Equal(attemptsBefore[id], ClusterFixture.Log.Attempts.Count(a => a.TrialId == id));
        }
    }

    /// <summary>Calls to a grain whose silo just died fail until membership declares it dead; ask again.</summary>
    private static async Task<T?> Tolerant<T>(Func<Task<T>> call) where T : class
    {
        try { return await call(); }
        catch (Exception e) when (e is SiloUnavailableException or OrleansException or TimeoutException) { return null; }
    }
}
