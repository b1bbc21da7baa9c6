using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class ExperimentClusterTests(ClusterFixture fx)
{
    [Fact]
    public async Task Cancel_stops_running_trials_and_marks_the_rest()
    {
        var spec = Specs.Make("cancel-me", seeds: 4, ["B-FP", "B-Q4"], steps: 100_000, concurrency: 2);
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var running = await Eventually.Until(grain.GetStatus, s => s.Trials.Count(t => t.Progress is { Step: > 0 }) == 2,
            TimeSpan.FromSeconds(20), "two trials to make progress");
        var runningIds = running.Trials.Where(t => t.State == TrialState.Running).Select(t => t.Id).ToHashSet();

        await grain.Cancel();
        var status = await Specs.Finished(grain);
        var results = await grain.GetResults();

        Assert.Equal(ExperimentState.Cancelled, status.State);
        Assert.Equal(8, results.Trials.Count);
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Cancelled, t.State));
        Assert.All(results.Trials.Where(t => runningIds.Contains(t.Id)), t => Assert.Equal("cancelled by user", t.Error));
        Assert.Equal(6, results.Trials.Count(t => t.Error == "cancelled before it started"));
        // the training threads really stopped: their step counters no longer move
        var steps = runningIds.ToDictionary(id => id, ClusterFixture.Log.LastStep);
        await Task.Yield();
        await Eventually.Until(() => runningIds.All(id => ClusterFixture.Log.LastStep(id) == steps[id]), TimeSpan.FromSeconds(5), "threads to stop");
        Assert.All(runningIds, id => Assert.True(ClusterFixture.Log.LastStep(id) < 100_000));
    }

    [Fact]
    public async Task Experiment_keeps_its_state_across_deactivation_and_submit_is_idempotent()
    {
        var spec = Specs.Make("survive", seeds: 2, ["B-FP", "B-Ada"], steps: 3);
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var before = await Specs.Finished(grain);
        var attemptsBefore = ClusterFixture.Log.Attempts.Count(a => a.TrialId.StartsWith("t/", StringComparison.Ordinal) && before.Trials.Any(t => t.Id == a.TrialId));

        await fx.Cluster.DeactivateAsync(grain);
        await fx.Cluster.WaitForDeactivationAsync(grain);
        var after = await grain.GetStatus();
        var again = await grain.Submit(spec);

        Assert.Equal(ExperimentState.Completed, after.State);
        Assert.Equal(before.Trials.Select(t => (t.Id, t.State, t.Silo)), after.Trials.Select(t => (t.Id, t.State, t.Silo)));
        Assert.Equal(4, (await grain.GetResults()).Trials.Count);
        Assert.Equal(ExperimentState.Completed, again.State);
        Assert.Contains(ExperimentIds.For(spec), (await fx.Client.GetGrain<IExperimentRegistryGrain>(0).List()).Select(e => e.Id));
        Assert.Equal(attemptsBefore, ClusterFixture.Log.Attempts.Count(a => before.Trials.Any(t => t.Id == a.TrialId)));
    }

    [Fact]
    public async Task A_trial_whose_data_is_missing_fails_alone_with_the_reason_and_the_sweep_goes_on()
    {
        var spec = Specs.Make("missing-data", seeds: 2, ["B-FP"], steps: 3) with
        {
            Tasks = [
                new TaskSpec { Name = "ok", Model = "sim", Data = "toy-sentiment" },
                new TaskSpec { Name = "gone", Model = "sim", Data = "sst2:/nonexistent/SST-2" },
            ],
        };
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        await Specs.Finished(grain);
        var results = await grain.GetResults();

        Assert.All(results.Trials.Where(t => t.Task == "ok"), t => Assert.Equal(TrialState.Completed, t.State));
        Assert.All(results.Trials.Where(t => t.Task == "gone"), t =>
        {
            Assert.Equal(TrialState.Failed, t.State);
            Assert.Equal(1, t.Attempts); // bad input is not retried
            Assert.Contains("directory '/nonexistent/SST-2' does not exist", t.Error);
        });
    }

    [Fact]
    public async Task A_trial_the_core_cannot_run_fails_once_with_the_field_and_the_limit()
    {
        // Submitted straight to the grain, past the spec reader: the core's own check refuses the rank before allocating.
        var spec = Specs.Make("rank-a-billion", seeds: 1, ["B-FP"], steps: 1, model: "tiny-bert") with { Ranks = [1_000_000_000] };
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        await Specs.Finished(grain);
        var trial = Assert.Single((await grain.GetResults()).Trials);

        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal(1, trial.Attempts); // retries: 2, but no retry can fix a value out of bounds
        Assert.Contains("rank: must be <= 4096 (got 1000000000)", trial.Error);
        Assert.Single(RoutingExecutor.Attempts, a => a.TrialId == trial.Id);
    }

    [Fact]
    public async Task Aggregation_analyses_each_comparison_as_soon_as_its_trials_are_finished()
    {
        var spec = Specs.Make("compare", seeds: 2, ["B-FP", "B-Q4", "B-Ada"], steps: 3, concurrency: 2);
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var aggregation = fx.Client.GetGrain<IAggregationGrain>(grain.GetPrimaryKeyString());
        await Specs.Finished(grain);

        var analyzed = await Eventually.Until(aggregation.AnalyzedComparisons, c => c.Count == 2, TimeSpan.FromSeconds(10), "both comparisons analysed");
        Assert.Equal(["t: B-Ada vs B-FP", "t: B-Q4 vs B-FP"], analyzed.Order(StringComparer.Ordinal));
        var report = await aggregation.GetAnalysis(spec.Analysis);
        Assert.NotNull(report); // crossed the wire typed
        Assert.Equal(["B-Ada", "B-Q4"], report.Comparisons.Select(c => c.B).Distinct().Order(StringComparer.Ordinal));
        Assert.All(report.Comparisons, c => Assert.Equal("B-FP", c.A));
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], report.Claims.Select(c => c.Id));
    }

    private sealed class RecordingObserver : IExperimentObserver
    {
        public readonly System.Collections.Concurrent.ConcurrentQueue<ExperimentCounts> Heard = new();
        public Task Changed(ExperimentCounts counts) { Heard.Enqueue(counts); return Task.CompletedTask; }
    }

    [Fact]
    public async Task Watchers_are_told_of_progress_and_results_as_they_happen_until_the_sweep_ends()
    {
        var spec = Specs.Make("watched", seeds: 3, ["B-FP", "B-Q4"], steps: 250, concurrency: 2); // ≈ 1.5 s: several 200 ms notify ticks
        var grain = fx.Client.GetGrain<IExperimentGrain>(ExperimentIds.For(spec));
        var observer = new RecordingObserver();
        var reference = fx.Client.CreateObjectReference<IExperimentObserver>(observer);
        await grain.Watch(reference);
        await grain.Submit(spec);

        await Eventually.Until(() => observer.Heard.LastOrDefault() is { IsFinished: true }, TimeSpan.FromSeconds(30), "a notification that the sweep finished");
        await grain.Unwatch(reference);
        fx.Client.DeleteObjectReference<IExperimentObserver>(reference);

        var heard = observer.Heard.ToList();
        Assert.True(heard.Count >= 3, $"only {heard.Count} notifications for 6 trials: {string.Join("; ", heard)}");
        Assert.Equal((ExperimentState.Completed, 6, 6), (heard[^1].State, heard[^1].Total, heard[^1].Finished));
        Assert.Contains(heard, c => c.Running > 0); // told while trials ran, not only at the end
        Assert.Equal(heard.Select(c => c.Finished).Order(), heard.Select(c => c.Finished)); // in order, never backwards
    }
}
