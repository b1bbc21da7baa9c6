using Sweep.Grains.Interfaces;
using Sweep.Grains.Interfaces.Spec;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>Builds the final <see cref="TrialOutcome"/> of a trial from the core's result or from how it ended.</summary>
public static class OutcomeFactory
{
    public static TrialOutcome FromResult(TrialPlan plan, TrialResult r, int attempts, string silo, DateTimeOffset? startedAt) =>
        Base(plan, Map(r.State), attempts, silo, startedAt) with
        {
            Method = r.Method, Device = r.Device, BaseDtype = r.BaseDtype, ComputeDtype = r.ComputeDtype,
            Metrics = Metrics(r.Metrics), RankPattern = r.RankPattern, LossCurve = r.LossCurve,
            EvalPredictions = r.EvalPredictions, EvalLabels = r.EvalLabels, Error = r.Error, DivergedAtStep = r.DivergedAtStep,
        };

    public static TrialOutcome Ended(TrialPlan plan, TrialStatus state, int attempts, string silo, DateTimeOffset? startedAt, string? error) =>
        Base(plan, state, attempts, silo, startedAt) with
        {
            Method = Presets.AdaLora.Contains(plan.Preset) ? "AdaLoRA" : "LoRA",
            Error = error,
        };

    private static TrialOutcome Base(TrialPlan plan, TrialStatus state, int attempts, string silo, DateTimeOffset? startedAt) => new()
    {
        Id = plan.Id, Task = plan.Task, Preset = plan.Preset, Rank = plan.Rank, Seed = plan.Seed,
        State = state, Attempts = attempts, Silo = silo, StartedAt = startedAt, FinishedAt = DateTimeOffset.UtcNow,
    };

    private static TrialStatus Map(TrialState s) => s switch
    {
        TrialState.Completed => TrialStatus.Completed,
        TrialState.Diverged => TrialStatus.Diverged,
        TrialState.Cancelled => TrialStatus.Cancelled,
        TrialState.Failed => TrialStatus.Failed,
        _ => TrialStatus.Failed,
    };

    /// <summary>Contract metric names (DESIGN.md "Results"); unmeasured optional metrics are left out.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(TrialMetrics m)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["trainable_params"] = m.TrainableParams,
            ["total_params"] = m.TotalParams,
            ["trainable_percent"] = m.TrainablePercent,
            ["peak_memory_bytes"] = m.PeakMemoryBytes,
            ["train_seconds"] = m.TrainSeconds,
            ["steps"] = m.Steps,
            ["samples_per_second"] = m.SamplesPerSecond,
        };
        void Add(string name, double? v) { if (v is { } x) d[name] = x; }
        Add("accuracy", m.Accuracy);
        Add("f1", m.F1);
        Add("f1_macro", m.F1Macro);
        Add("perplexity", m.Perplexity);
        Add("eval_loss", m.EvalLoss);
        Add("steps_to_95", m.StepsTo95);
        return d;
    }
}
