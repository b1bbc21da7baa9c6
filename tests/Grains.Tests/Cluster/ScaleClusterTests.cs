using System.Diagnostics;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>A sweep of tens of thousands of trials: submit, status, cancel, paged results and analysis stay within the
/// grain-call timeout and count every trial.</summary>
[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class ScaleClusterTests(ClusterFixture fx)
{
    [Fact]
    public async Task Twenty_thousand_trials_submit_run_cancel_and_report_without_a_timeout()
    {
        var clock = Stopwatch.StartNew();
        var spec = Specs.Make("scale-20k", seeds: 10_000, ["B-FP", "B-Q4"], steps: 1, concurrency: 5);
        var (grain, submitted) = await Specs.Submit(fx.Client, spec);
        Assert.Equal(20_000, submitted.Total);
        Assert.True(submitted.IsAbridged);

        var running = await Eventually.Until(grain.GetStatus, s => s.Count(TrialState.Completed) >= 20, TimeSpan.FromSeconds(30), "some trials to complete");
        Assert.Equal(20_000, running.Total);
        Assert.True(running.Trials.Count <= 1_000, $"status listed {running.Trials.Count} trials");

        await grain.Cancel();
        var status = await Specs.Finished(grain);
        // The cancel told the aggregation of every trial it finished: nothing is left for it to fetch back.
        var aggregation = fx.Client.GetGrain<IAggregationGrain>(grain.GetPrimaryKeyString());
        await Eventually.Until(aggregation.Count, n => n == 20_000, TimeSpan.FromSeconds(30), "the aggregation to hold every outcome");
        var results = await ResultsPaging.FetchAllAsync(grain, pageSize: 3_000); // pages that do not divide the total
        var answer = await AnalysisRequest.WaitAsync(fx.Client.GetGrain<IAggregationGrain>(results.Id), spec.Analysis, TimeSpan.FromSeconds(30));

        Assert.Equal(ExperimentState.Cancelled, status.State);
        Assert.Equal(ExperimentState.Cancelled, results.State);
        Assert.Equal(20_000, results.TotalTrials);
        Assert.Equal(20_000, results.Trials.Select(t => t.Id).Distinct().Count());
        Assert.Equal(status.Count(TrialState.Completed), results.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal(status.Count(TrialState.Cancelled), results.Trials.Count(t => t.State == TrialState.Cancelled));
        Assert.Equal(20_000, status.Count(TrialState.Completed) + status.Count(TrialState.Cancelled));
        Assert.True(answer.Ready, "the analysis was ready within 30 s");
        if (results.Trials.Any(t => t.State == TrialState.Completed && t.Preset == "B-FP")) Assert.NotNull(answer.Report);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }
}
