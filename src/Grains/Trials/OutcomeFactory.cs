using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>Builds the final <see cref="TrialOutcome"/> of a trial from the core's result or from how it ended.</summary>
public static class OutcomeFactory
{
    public static TrialOutcome FromResult(TrialPlan plan, TrialResult r, int attempts, string silo, DateTimeOffset? startedAt) =>
        Base(plan, r.State, attempts, silo, startedAt) with
        {
            Method = r.Method, Device = r.Device, BaseDtype = r.BaseDtype, ComputeDtype = r.ComputeDtype, Allocator = r.Allocator,
            Metrics = Metrics(r.Metrics), RankPattern = r.RankPattern, LossCurve = r.LossCurve,
            EvalPredictions = r.EvalPredictions, EvalLabels = r.EvalLabels, Error = r.Error, DivergedAtStep = r.DivergedAtStep,
        };

    public static TrialOutcome Ended(TrialPlan plan, TrialState state, int attempts, string silo, DateTimeOffset? startedAt, string? error) =>
        Base(plan, state, attempts, silo, startedAt) with
        {
            Method = Presets.MethodName(plan.Preset),
            Error = error,
        };

    private static TrialOutcome Base(TrialPlan plan, TrialState state, int attempts, string silo, DateTimeOffset? startedAt) => new()
    {
        Id = plan.Id, Task = plan.Task, Preset = plan.Preset, Rank = plan.Rank, Seed = plan.Seed,
        State = state, Attempts = attempts, Silo = silo, StartedAt = startedAt, FinishedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>The result's metrics under their contract names (<see cref="MetricNames"/>); unmeasured optional metrics are left out.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(TrialMetrics m)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.TrainableParams] = m.TrainableParams,
            [MetricNames.TotalParams] = m.TotalParams,
            [MetricNames.TrainablePercent] = m.TrainablePercent,
            [MetricNames.PeakMemoryBytes] = m.PeakMemoryBytes,
            [MetricNames.TrainSeconds] = m.TrainSeconds,
            [MetricNames.Steps] = m.Steps,
            [MetricNames.SamplesPerSecond] = m.SamplesPerSecond,
        };
        void Add(string name, double? v) { if (v is { } x) d[name] = x; }
        Add(MetricNames.Accuracy, m.Accuracy);
        Add(MetricNames.F1, m.F1);
        Add(MetricNames.F1Macro, m.F1Macro);
        Add(MetricNames.Perplexity, m.Perplexity);
        Add(MetricNames.EvalLoss, m.EvalLoss);
        Add(MetricNames.TokensPerSecond, m.TokensPerSecond);
        Add(MetricNames.PerplexityBefore, m.PerplexityBefore);
        Add(MetricNames.StepsTo95, m.StepsTo95);
        Add(MetricNames.PredictedPeakMemoryBytes, m.PredictedPeakMemoryBytes);
        Add(MetricNames.PeakDeviceMemoryBytes, m.PeakDeviceMemoryBytes);
        return d;
    }
}
