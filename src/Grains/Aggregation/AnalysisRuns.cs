using Sweep.Analysis;
using Sweep.Settings;

namespace Sweep.Grains.Aggregation;

/// <summary>
/// The analyses of one experiment, each computed once per (options, number of outcomes) on the thread pool: a request
/// for the same inputs shares the run in progress or its finished report, so nothing is recomputed and no grain turn
/// holds the computation. Only the latest run is kept. Used from one grain's turns only (not thread-safe).
/// </summary>
public sealed class AnalysisRuns(IStudyAnalysis analysis)
{
    private (AnalysisSpec Options, int Outcomes, Task<AnalysisReport?> Run)? _latest;

    /// <param name="records">the trials to analyse, read now (in the caller's turn) when a new run starts.</param>
    public Task<AnalysisReport?> For(AnalysisSpec options, int outcomes, Func<IReadOnlyList<TrialRecord>> records)
    {
        if (_latest is { } l && l.Options == options && l.Outcomes == outcomes && !l.Run.IsFaulted) return l.Run;
        var snapshot = records();
        var run = Task.Run(() => analysis.Analyze(snapshot, options.ToOptions()));
        _latest = (options, outcomes, run);
        return run;
    }
}
