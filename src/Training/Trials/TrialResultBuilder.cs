using Sweep.Settings;
using Sweep.Training.Trainer;

namespace Sweep.Training.Trials;

/// <summary>Turns the loop's outcome and the prepared model into the trial's result record.</summary>
internal static class TrialResultBuilder
{
    public static TrialResult Build(TrialSpec spec, PreparedTrial prepared, ITrainingTask task, LoopOutcome outcome, AdaLoraHooks? hooks, long peakBytes)
    {
        var eval = outcome.FinalEval;
        double? Metric(string name) => eval is not null && eval.Metrics.TryGetValue(name, out var v) ? v : null;
        var trainable = prepared.TrainableParameters;
        var total = prepared.TotalParameters;
        var evals = outcome.EvalHistory.Select(e => ((int)e[0], e[1])).ToList();
        var metrics = new TrialMetrics
        {
            Accuracy = Metric(MetricNames.Accuracy),
            F1 = Metric(MetricNames.F1),
            F1Macro = Metric(MetricNames.F1Macro),
            Perplexity = Metric(MetricNames.Perplexity),
            EvalLoss = Metric(MetricNames.EvalLoss),
            TrainableParams = trainable,
            TotalParams = total,
            TrainablePercent = 100.0 * trainable / total,
            PeakMemoryBytes = peakBytes,
            PredictedPeakMemoryBytes = Predicted(spec, prepared),
            TrainSeconds = outcome.TrainSeconds,
            Steps = outcome.Steps,
            SamplesPerSecond = outcome.Steps * (double)task.BatchSize / Math.Max(1e-9, outcome.TrainSeconds),
            PerplexityBefore = task.PrimaryMetric == MetricNames.Perplexity && outcome.EvalHistory.FirstOrDefault(e => e[0] == 0) is { } first ? first[1] : null,
            TokensPerSecond = task.TokensPerExample > 0
                ? outcome.Steps * (double)task.BatchSize * task.TokensPerExample / Math.Max(1e-9, outcome.TrainSeconds) : null,
            StepsTo95 = ConvergenceMetrics.StepsTo95(evals, task.HigherIsBetter),
        };
        return new TrialResult
        {
            Id = spec.Id,
            State = outcome.State,
            Method = prepared.Preset.MethodName,
            Device = Devices.DeviceSelector.Name(prepared.Device),
            BaseDtype = prepared.Precision.BaseDtype,
            ComputeDtype = prepared.Precision.ComputeDtype,
            Allocator = Devices.ProcessAllocator.Current,
            Metrics = metrics,
            RankPattern = hooks?.Allocator.Ranks ?? prepared.Adapters.ToDictionary(a => a.Path, a => a.Adapter.Rank),
            BudgetCurve = hooks?.BudgetCurve,
            LossCurve = outcome.LossCurve,
            EvalPredictions = eval?.Predictions ?? [],
            EvalLabels = eval?.Labels ?? [],
            Error = outcome.Error,
            DivergedAtStep = outcome.DivergedAtStep,
        };
    }

    private static long? Predicted(TrialSpec spec, PreparedTrial prepared)
    {
        try
        {
            var device = Devices.DeviceSelector.Name(prepared.Device);
            return Memory.TrialMemory.Predict(spec, device, Devices.PrecisionSupport.HalfType(prepared.Device) is not null).Total;
        }
        catch (InvalidInputException) { return null; } // a model directory whose sizes it cannot read
    }
}
