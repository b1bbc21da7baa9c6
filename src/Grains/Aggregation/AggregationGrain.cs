using Sweep.Analysis;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Interfaces.Spec;
using Sweep.Grains.Placement;

namespace Sweep.Grains.Aggregation;

/// <summary>
/// Collects one experiment's results (key: experiment id) as they arrive, publishes their metrics once per trial,
/// and analyses them on request. The experiment's outcomes are the durable truth; this grain is a cache of them.
/// </summary>
[ControlPlacement]
public sealed class AggregationGrain(SweepMetrics metrics, IStudyAnalysis analysis) : Grain, IAggregationGrain
{
    private readonly Dictionary<string, TrialOutcome> _outcomes = new(StringComparer.Ordinal);

    public Task Add(TrialOutcome outcome)
    {
        if (_outcomes.TryAdd(outcome.Id, outcome)) metrics.RecordResult(outcome);
        return Task.CompletedTask;
    }

    public Task<int> Count() => Task.FromResult(_outcomes.Count);

    public async Task<string?> GetAnalysisJson(AnalysisSpec options)
    {
        var results = await GrainFactory.GetGrain<IExperimentGrain>(this.GetPrimaryKeyString()).GetResults();
        foreach (var o in results.Trials) _outcomes.TryAdd(o.Id, o);
        var records = OutcomeRecords.ToRecords(_outcomes.Values.OrderBy(o => o.Id, StringComparer.Ordinal));
        return analysis.AnalyzeJson(records, new AnalysisOptions(options.Baseline, options.Alpha));
    }
}
