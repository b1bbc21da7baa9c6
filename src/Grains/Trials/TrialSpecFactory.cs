using Sweep.Grains.Interfaces;
using Sweep.Grains.Interfaces.Spec;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>Maps one planned trial of a sweep to the training core's <see cref="TrialSpec"/>.</summary>
public static class TrialSpecFactory
{
    /// <param name="device">the accelerator of the silo that runs it (cpu | cuda | mps).</param>
    public static TrialSpec Create(SweepSpec spec, TrialPlan plan, string device) => Create(TrialRecipe.For(spec, plan), plan, device);

    public static TrialSpec Create(TrialRecipe recipe, TrialPlan plan, string device)
    {
        var task = recipe.Task;
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
            Training = Apply(recipe.Training, new TrainingSettings()),
            Device = device,
            Threads = recipe.ThreadsPerTrial,
            CheckpointEvery = recipe.CheckpointEvery,
            Adapter = Adapter(recipe.Adapter ?? new AdapterSpec()),
        };
    }

    private static AdapterSettings Adapter(AdapterSpec a) => new()
    {
        Targets = a.Targets,
        Alpha = a.Alpha ?? new AdapterSettings().Alpha,
        MatchedBudget = a.MatchedBudget,
        AdaInitRank = a.AdaInitRank,
        AdaTargetRank = a.AdaTargetRank,
        AdaTinitFraction = a.AdaTinit,
        AdaTfinalFraction = a.AdaTfinal,
        AdaDeltaT = a.AdaDeltaT,
        AdaOrthRegWeight = a.AdaOrthRegWeight,
    };

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
