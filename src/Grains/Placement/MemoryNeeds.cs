using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.Spec;
using Sweep.Training;
using Sweep.Training.Memory;
using Sweep.Training.Trials;
using Sweep.Grains.Trials;

namespace Sweep.Grains.Placement;

/// <summary>
/// The memory each trial of a sweep is predicted to need at its peak (<see cref="PeakMemoryModel"/>), on the kind of
/// silo its placement asks for: device memory on cuda or mps, the trial process's resident memory on a CPU (also for
/// <c>any</c>, the larger of the two). A trial's need is the larger of the prediction and the spec's
/// <c>placement.min_device_memory</c>, raised to the peak a trial of the same recipe measured before, anywhere in the
/// cluster (<see cref="IMeasuredPeakGrain"/>); it travels in the trial's placement (and so in its grain key).
/// </summary>
public static class MemoryNeeds
{
    /// <summary>The predicted peak of one trial in bytes; null where it cannot tell: a model whose sizes it cannot read, or
    /// a value out of bounds (the training core then fails the trial naming the field, as without a prediction).</summary>
    public static long? Predict(SweepSpec spec, TrialPlan plan)
    {
        if (TrialOf(spec, plan) is not ({ } trial, var accelerator)) return null;
        try { return TrialMemory.Predict(trial, accelerator).Total; }
        catch (Exception e) when (e is InvalidInputException or ArgumentException or FormatException) { return null; }
    }

    /// <summary>The recipe key (<see cref="MeasuredPeaks.RecipeKey"/>) of one trial on the kind of silo its placement asks
    /// for, as that silo computes it; null where the trial cannot be built (see <see cref="Predict"/>).</summary>
    public static string? RecipeOf(SweepSpec spec, TrialPlan plan) =>
        TrialOf(spec, plan).Trial is { } trial ? MeasuredPeaks.RecipeKey(trial) : null;

    private static (TrialSpec? Trial, string Accelerator) TrialOf(SweepSpec spec, TrialPlan plan)
    {
        var accelerator = spec.Placement.Accelerator is Accelerators.Cuda or Accelerators.Mps ? spec.Placement.Accelerator : Accelerators.Cpu;
        if (spec.Tasks.All(t => t.Name != plan.Task)) return (null, accelerator);
        try
        {
            var trial = Trials.TrialSpecFactory.Create(spec, plan, accelerator);
            Training.Trials.TrialBounds.Check(trial);
            return (trial, accelerator);
        }
        catch (Exception e) when (e is InvalidInputException or ArgumentException or FormatException) { return (null, accelerator); }
    }

    /// <summary>The plans with their need set: the larger of the prediction (made once per task, preset and rank), the
    /// peak measured for the same recipe before (<paramref name="learned"/>, by recipe key) and the spec's minimum.</summary>
    public static List<TrialPlan> Apply(SweepSpec spec, IEnumerable<TrialPlan> plans, IReadOnlyDictionary<string, MeasuredPeak>? learned = null)
    {
        var cache = new Dictionary<(string, string, int?), long?>();
        return plans.Select(p =>
        {
            var key = (p.Task, p.Preset, p.Rank);
            if (!cache.TryGetValue(key, out var need))
            {
                need = Predict(spec, p);
                if (learned is not null && RecipeOf(spec, p) is { } recipe && learned.TryGetValue(recipe, out var measured))
                    need = Math.Max(need ?? 0, measured.Bytes);
                cache[key] = need;
            }
            return need is { } n && n > p.Placement.MinDeviceMemory ? p with { Placement = p.Placement with { MinDeviceMemory = n } } : p;
        }).ToList();
    }

    /// <summary>One problem per task and preset whose trials fit on no worker of their kind, with the numbers.</summary>
    public static IReadOnlyList<SpecProblem> Check(SweepSpec spec, IReadOnlyList<TrialPlan> plans, IReadOnlyList<WorkerInfo> workers,
        IReadOnlyDictionary<string, MeasuredPeak>? learned = null)
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
            var need = ByteSize.Format(plan.Placement.MinDeviceMemory);
            var measured = learned is not null && RecipeOf(spec, plan) is { } recipe && learned.TryGetValue(recipe, out var m) && m.Bytes >= plan.Placement.MinDeviceMemory ? m : null;
            problems.Add(new SpecProblem("placement",
                $"trials {plan.Task}/{plan.Preset}{(plan.Rank is { } r ? $"/r{r}" : "")} (model {task.Model}, batch {training.BatchSize}, max_length {training.MaxLength}) "
                + (measured is null ? $"are predicted to need {need} at their peak"
                    : $"need {need} at their peak, as trial {measured.TrialId} of experiment {measured.Experiment} (the same recipe) measured on {measured.Silo} (predicted {ByteSize.Format(Predict(spec, plan) ?? 0)})")
                + $"; the largest {largest.Accelerator} silo has {ByteSize.Format(largest.Budget)}"));
        }
        return problems;
    }
}
