using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Sweep.Analysis;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;

namespace Sweep.Grains.Aggregation;

/// <summary>
/// Collects one experiment's results (key: experiment id) as they arrive, publishes their metrics once per trial,
/// and runs the analysis each time a comparison's trials are all finished (<see cref="ComparisonTracker"/>), keeping
/// the latest report (typed; clients receive it as it is, so nobody computes it twice). The experiment's outcomes are the durable truth; this grain is a cache of them.
/// The analysis runs on the thread pool, never inside a grain turn, and the grain is reentrant: results keep arriving
/// and requests are answered while a large sweep's analysis is computed (<see cref="AnalysisRuns"/>).
/// </summary>
[Reentrant, ControlPlacement]
public sealed class AggregationGrain(SweepMetrics metrics, IStudyAnalysis analysis, ILogger<AggregationGrain> log) : Grain, IAggregationGrain
{
    private readonly Dictionary<string, TrialOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly AnalysisRuns _runs = new(analysis);
    private ComparisonTracker? _tracker;
    private AnalysisSpec _options = new();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        metrics.RemoveAnalysis(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task Expect(AggregationPlan plan)
    {
        _options = plan.Analysis;
        _tracker = new ComparisonTracker(plan.Trials, plan.Analysis.Baseline);
        var completed = _outcomes.Keys.SelectMany(_tracker.Finish).ToList(); // results that arrived first
        if (completed.Count > 0) Analyze(completed);
        return Task.CompletedTask;
    }

    public Task Add(TrialOutcome outcome) => AddMany([outcome]);

    public Task AddMany(IReadOnlyList<TrialOutcome> outcomes)
    {
        var completed = new List<Comparison>();
        foreach (var outcome in outcomes)
        {
            if (!_outcomes.TryAdd(outcome.Id, outcome)) continue;
            metrics.RecordResult(this.GetPrimaryKeyString(), outcome);
            if (_tracker?.Finish(outcome.Id) is { Count: > 0 } done) completed.AddRange(done);
        }
        if (completed.Count > 0) Analyze(completed);
        return Task.CompletedTask;
    }

    public Task<int> Count() => Task.FromResult(_outcomes.Count);

    public Task<IReadOnlyList<string>> AnalyzedComparisons() =>
        Task.FromResult<IReadOnlyList<string>>(_tracker?.Complete.Select(c => c.ToString()).ToList() ?? []);

    public async Task<AnalysisReport?> GetAnalysis(AnalysisSpec options)
    {
        await FetchMissing();
        return await Run(options);
    }

    public async Task<AnalysisAnswer> GetAnalysisWithin(AnalysisSpec options, TimeSpan wait)
    {
        await FetchMissing();
        var run = Run(options);
        if (await Task.WhenAny(run, Task.Delay(wait)) != run) return new AnalysisAnswer(false, null);
        return new AnalysisAnswer(true, await run);
    }

    /// <summary>Missing some outcomes (this grain was reactivated, or a one-way message was lost): read them from the experiment, page by page.</summary>
    private async Task FetchMissing()
    {
        if (_tracker is not null && _outcomes.Count >= _tracker.Expected) return;
        var results = await ResultsPaging.FetchAllAsync(GrainFactory.GetGrain<IExperimentGrain>(this.GetPrimaryKeyString()));
        foreach (var o in results.Trials) _outcomes.TryAdd(o.Id, o);
    }

    private Task<AnalysisReport?> Run(AnalysisSpec options) => _runs.For(options, _outcomes.Count, Records);

    private void Analyze(IReadOnlyList<Comparison> completed)
    {
        var key = this.GetPrimaryKeyString();
        Run(_options).ContinueWith(t =>
        {
            if (t.IsFaulted) // an analysis that fails must not lose the result that triggered it; a request recomputes
                log.LogWarning(t.Exception, "analysis of {Experiment} after {Comparisons} failed", key, string.Join(", ", completed));
            else
            {
                if (t.Result is { } report) metrics.SetAnalysis(key, report);
                foreach (var c in completed) metrics.RecordComparison(c.Task, c.Baseline, c.Preset);
            }
        }, TaskScheduler.Current);
    }

    private IReadOnlyList<TrialRecord> Records() => OutcomeRecords.ToRecords(_outcomes.Values.OrderBy(o => o.Id, StringComparer.Ordinal));
}
