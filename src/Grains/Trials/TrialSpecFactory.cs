using Sweep.Grains.Interfaces;
using Sweep.Settings;
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
            Kind = TaskKinds.Parse(task.Kind),
            Model = task.Model,
            Data = task.Data,
            Preset = plan.Preset,
            Rank = plan.Rank,
            Seed = plan.Seed,
            Training = recipe.Training.Resolve(),
            Device = device,
            Threads = recipe.ThreadsPerTrial,
            CheckpointEvery = recipe.CheckpointEvery,
            Adapter = recipe.Adapter ?? new AdapterSpec(),
        };
    }
}
