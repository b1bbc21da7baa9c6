using Microsoft.Extensions.Logging;
using Sweep.Analysis;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;

namespace Sweep.Grains.Aggregation;

/// <summary>
/// Collects one experiment's results (key: experiment id) as they arrive, publishes their metrics once per trial,
/// and runs the analysis each time a comparison's trials are all finished (<see cref="ComparisonTracker"/>), keeping
/// the latest report (typed; clients receive it as it is, so nobody computes it twice). The experiment's outcomes are the durable truth; this grain is a cache of them.
/// </summary>
[ControlPlacement]
public sealed class AggregationGrain(SweepMetrics metrics, IStudyAnalysis analysis, ILogger<AggregationGrain> log) : Grain, IAggregationGrain
{
    private readonly Dictionary<string, TrialOutcome> _outcomes = new(StringComparer.Ordinal);
    private ComparisonTracker? _tracker;
    private AnalysisSpec _options = new();
    private (AnalysisReport? Report, int Outcomes)? _latest;

    public Task Expect(AggregationPlan plan)
    {
        _options = plan.Analysis;
        _tracker = new ComparisonTracker(plan.Trials, plan.Analysis.Baseline);
        var completed = _outcomes.Keys.SelectMany(_tracker.Finish).ToList(); // results that arrived first
        if (completed.Count > 0) Analyze(completed);
        return Task.CompletedTask;
    }

    public Task Add(TrialOutcome outcome)
    {
        if (!_outcomes.TryAdd(outcome.Id, outcome)) return Task.CompletedTask;
        metrics.RecordResult(outcome);
        if (_tracker?.Finish(outcome.Id) is { Count: > 0 } completed) Analyze(completed);
        return Task.CompletedTask;
    }

    public Task<int> Count() => Task.FromResult(_outcomes.Count);

    public Task<IReadOnlyList<string>> AnalyzedComparisons() =>
        Task.FromResult<IReadOnlyList<string>>(_tracker?.Complete.Select(c => c.ToString()).ToList() ?? []);

    public async Task<AnalysisReport?> GetAnalysis(AnalysisSpec options)
    {
        if (_tracker is null || _outcomes.Count < _tracker.Expected) // missing some (e.g. this grain was reactivated): ask the experiment
        {
            var results = await ResultsPaging.FetchAllAsync(GrainFactory.GetGrain<IExperimentGrain>(this.GetPrimaryKeyString()));
            foreach (var o in results.Trials) _outcomes.TryAdd(o.Id, o);
        }
        if (options == _options && _latest is { } latest && latest.Outcomes == _outcomes.Count) return latest.Report; // nothing new since
        var report = analysis.Analyze(Records(), options.ToOptions());
        if (options == _options) _latest = (report, _outcomes.Count);
        return report;
    }

    private void Analyze(IReadOnlyList<Comparison> completed)
    {
        try
        {
            _latest = (analysis.Analyze(Records(), _options.ToOptions()), _outcomes.Count);
            foreach (var c in completed) metrics.RecordComparison(c.Task, c.Baseline, c.Preset);
        }
        catch (Exception e) // an analysis that fails must not lose the result that triggered it; a request recomputes
        {
            log.LogWarning(e, "analysis of {Experiment} after {Comparisons} failed", this.GetPrimaryKeyString(), string.Join(", ", completed));
        }
    }

    private IReadOnlyList<TrialRecord> Records() => OutcomeRecords.ToRecords(_outcomes.Values.OrderBy(o => o.Id, StringComparer.Ordinal));
}
