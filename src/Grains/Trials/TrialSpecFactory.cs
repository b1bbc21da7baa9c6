using Sweep.Grains.Interfaces.Spec;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>Maps one planned trial of a sweep to the training core's <see cref="TrialSpec"/>.</summary>
public static class TrialSpecFactory
{
    /// <param name="device">the accelerator of the silo that runs it (cpu | cuda | mps).</param>
    public static TrialSpec Create(SweepSpec spec, TrialPlan plan, string device)
    {
        var task = spec.Tasks.FirstOrDefault(t => t.Name == plan.Task)
            ?? throw new ArgumentException($"trial {plan.Id}: task '{plan.Task}' is not in the spec", nameof(plan));
        var settings = spec.Overrides.TryGetValue(plan.Preset, out var o) ? o.Over(spec.Training) : spec.Training;
        return new TrialSpec
        {
            Id = plan.Id,
            Task = task.Name,
            Kind = task.Kind == TaskKinds.LanguageModelling ? TaskKind.LanguageModelling : TaskKind.Classification,
            Model = task.Model,
            Data = task.Data,
            Preset = plan.Preset,
            Rank = plan.Rank,
            Seed = plan.Seed,
            Training = Apply(settings, new TrainingSettings()),
            Device = device,
            Threads = spec.ThreadsPerTrial,
            CheckpointEvery = spec.CheckpointEvery,
        };
    }

    private static TrainingSettings Apply(TrainingOverrides o, TrainingSettings d) => d with
    {
        LearningRate = o.LearningRate ?? d.LearningRate,
        BatchSize = o.BatchSize ?? d.BatchSize,
        Epochs = o.Epochs ?? d.Epochs,
        WarmupSteps = o.WarmupSteps ?? d.WarmupSteps,
        WeightDecay = o.WeightDecay ?? d.WeightDecay,
        MaxGradNorm = o.MaxGradNorm ?? d.MaxGradNorm,
        LoraDropout = o.LoraDropout ?? d.LoraDropout,
        MaxSteps = o.MaxSteps ?? d.MaxSteps,
        MaxTrainExamples = o.MaxTrainExamples ?? d.MaxTrainExamples,
        MaxEvalExamples = o.MaxEvalExamples ?? d.MaxEvalExamples,
        MaxLength = o.MaxLength ?? d.MaxLength,
        EvalFraction = o.EvalFraction ?? d.EvalFraction,
    };
}
