using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.Spec;
using Sweep.Training;
using Sweep.Training.Memory;

namespace Sweep.Grains.Placement;

/// <summary>
/// The memory each trial of a sweep is predicted to need at its peak (<see cref="PeakMemoryModel"/>), on the kind of
/// silo its placement asks for: device memory on cuda or mps, the trial process's resident memory on a CPU (also for
/// <c>any</c>, the larger of the two). A trial's need is the larger of the prediction and the spec's
/// <c>placement.min_device_memory</c>; it travels in the trial's placement (and so in its grain key).
/// </summary>
public static class MemoryNeeds
{
    /// <summary>The predicted peak of one trial in bytes; null where it cannot tell: a model whose sizes it cannot read, or
    /// a value out of bounds (the training core then fails the trial naming the field, as without a prediction).</summary>
    public static long? Predict(SweepSpec spec, TrialPlan plan)
    {
        if (spec.Tasks.All(t => t.Name != plan.Task)) return null;
        var accelerator = spec.Placement.Accelerator is Accelerators.Cuda or Accelerators.Mps ? spec.Placement.Accelerator : Accelerators.Cpu;
        try
        {
            var trial = Trials.TrialSpecFactory.Create(spec, plan, accelerator);
            Training.Trials.TrialBounds.Check(trial);
            return TrialMemory.Predict(trial, accelerator).Total;
        }
        catch (Exception e) when (e is InvalidInputException or ArgumentException or FormatException) { return null; }
    }

    /// <summary>The plans with their need set (predictions are made once per task, preset and rank).</summary>
    public static List<TrialPlan> Apply(SweepSpec spec, IEnumerable<TrialPlan> plans)
    {
        var cache = new Dictionary<(string, string, int?), long?>();
        return plans.Select(p =>
        {
            var key = (p.Task, p.Preset, p.Rank);
            if (!cache.TryGetValue(key, out var need)) cache[key] = need = Predict(spec, p);
            return need is { } n && n > p.Placement.MinDeviceMemory ? p with { Placement = p.Placement with { MinDeviceMemory = n } } : p;
        }).ToList();
    }

    /// <summary>One problem per task and preset whose trials fit on no worker of their kind, with the numbers.</summary>
    public static IReadOnlyList<SpecProblem> Check(SweepSpec spec, IReadOnlyList<TrialPlan> plans, IReadOnlyList<WorkerInfo> workers)
    {
        var problems = new List<SpecProblem>();
        foreach (var group in plans.GroupBy(p => (p.Task, p.Preset, p.Rank)))
        {
            var plan = group.First();
            var kind = workers.Where(w => w.Slots > 0 && (plan.Placement.Accelerator == Accelerators.Any || w.Accelerator == plan.Placement.Accelerator)).ToList();
            if (kind.Count == 0 || kind.Any(w => w.Satisfies(plan.Placement))) continue; // no kind at all is the accelerator check's problem
            var task = spec.Tasks.First(t => t.Name == plan.Task);
            var training = TrialRecipe.For(spec, plan).Training.Resolve();
            var largest = kind.MaxBy(w => w.Budget)!;
            problems.Add(new SpecProblem("placement",
                $"trials {plan.Task}/{plan.Preset}{(plan.Rank is { } r ? $"/r{r}" : "")} (model {task.Model}, batch {training.BatchSize}, max_length {training.MaxLength}) "
                + $"are predicted to need {ByteSize.Format(plan.Placement.MinDeviceMemory)} at their peak; the largest {largest.Accelerator} silo has {ByteSize.Format(largest.Budget)}"));
        }
        return problems;
    }
}
