using Sweep.Settings;
using Sweep.Training.Data;
using Sweep.Training.Devices;
using Sweep.Training.Peft;
using Sweep.Training.Presets;
using Sweep.Training.Trainer;
using static TorchSharp.torch;

namespace Sweep.Training.Trials;

/// <summary>
/// The training core's front door: one trial, start to finish, on the calling thread. Bad input throws
/// <see cref="InvalidInputException"/> before anything is written; a diverging run returns Diverged;
/// cancellation returns Cancelled; with a checkpoint store it saves every N steps and resumes from the last. A drain
/// (the worker going away) saves a checkpoint at the current step and throws <see cref="TrialDrainedException"/>.
/// </summary>
public sealed class TrialRunner(DataSources? data = null)
{

    public TrialResult Run(TrialSpec spec, IProgress<TrialProgress>? progress, CancellationToken ct, ICheckpointStore? checkpoints = null,
        CancellationToken drain = default)
    {
        try
        {
            return RunTrial(spec, progress, ct, checkpoints, drain);
        }
        finally
        {
            NativeHeap.Trim();
        }
    }

    private TrialResult RunTrial(TrialSpec spec, IProgress<TrialProgress>? progress, CancellationToken ct, ICheckpointStore? checkpoints, CancellationToken drain)
    {
        TrialBounds.Check(spec);
        if (spec.Threads is int threads) set_num_threads(threads);
        var memory = MemoryProbe.Start();
        var s = spec.Training;
        progress?.Report(new TrialProgress(spec.Id, 0, 0, double.NaN, 0, "prepare"));
        var prepared = TrialPreparation.Prepare(spec.Model, spec.Kind, spec.Preset, spec.Rank, spec.Seed, spec.Device, loadWeights: true, s.LoraDropout, spec.Adapter);
        // The model's native memory is released when the trial ends, not when a finalizer gets to it:
        // a silo runs many trials in one process.
        using var model = prepared.Model.Module;
        var sources = data ?? new DataSources(new DataSourceOptions { SplitSeed = TrainingTaskBuilder.SplitSeed, EvalFraction = s.EvalFraction });
        var task = TrainingTaskBuilder.Create(spec, prepared, sources);
        var settings = new LoopSettings(spec.Id, spec.Seed, s.Epochs, s.MaxSteps, s.LearningRate, s.WarmupSteps, s.WeightDecay, s.MaxGradNorm, spec.CheckpointEvery,
            EvaluateAtStart: spec.Kind == TaskKind.LanguageModelling); // the un-adapted base's perplexity on the target corpus
        var totalSteps = Math.Min(s.Epochs * task.StepsPerEpoch, s.MaxSteps ?? int.MaxValue);
        using var hooks = AdaLoraHooks.For(prepared, totalSteps);
        var loop = new TrainingLoop(model, task, (ITrainingHooks?)hooks ?? NoHooks.Instance, settings);
        var outcome = loop.Run(progress, ct, checkpoints, drain);
        var result = TrialResultBuilder.Build(spec, prepared, task, outcome, hooks, memory.PeakBytes());
        return outcome.State == TrialState.Completed ? result with { Adapter = PeftExporter.Export(prepared, ExportInfo(spec, totalSteps)) } : result;
    }

    /// <summary>
    /// Evaluates a trial's saved adapter (a PEFT-format directory): the model is prepared as the trial prepared it (same
    /// model, preset, seed, device), the adapter and head are loaded over it, and the eval set is scored as at the
    /// trial's end. On the same device and thread count the metrics equal the trial's.
    /// </summary>
    public EvalOutcome EvaluateAdapter(TrialSpec spec, string adapterDirectory)
    {
        try
        {
            TrialBounds.Check(spec);
            if (spec.Threads is int threads) set_num_threads(threads);
            var s = spec.Training;
            var prepared = TrialPreparation.Prepare(spec.Model, spec.Kind, spec.Preset, spec.Rank, spec.Seed, spec.Device, loadWeights: true, s.LoraDropout, spec.Adapter);
            using var model = prepared.Model.Module;
            PeftAdapterLoader.Load(adapterDirectory, prepared);
            var sources = data ?? new DataSources(new DataSourceOptions { SplitSeed = TrainingTaskBuilder.SplitSeed, EvalFraction = s.EvalFraction });
            var task = TrainingTaskBuilder.Create(spec, prepared, sources);
            model.eval();
            using var _ = no_grad();
            return task.Evaluate();
        }
        finally
        {
            NativeHeap.Trim();
        }
    }

    private static PeftExportInfo ExportInfo(TrialSpec spec, int totalSteps)
    {
        var preset = PresetCatalog.Get(spec.Preset);
        var rank = preset.Plan(spec.Rank, spec.Adapter.AlphaOrDefault(), spec.Training.LoraDropout).Rank;
        return new PeftExportInfo(spec.Model, spec.Kind, rank, spec.Training.LoraDropout, totalSteps);
    }
}
