using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Placement;

/// <summary>Checks a spec against the workers of a cluster: can every trial be placed somewhere?</summary>
public static class ClusterCheck
{
    /// <param name="scaledFromZero">Worker kinds an autoscaler starts on demand: trials that one of them can take are
    /// accepted with no worker live (they wait in the queue the autoscaler reads).</param>
    public static IReadOnlyList<SpecProblem> Check(SweepSpec spec, IReadOnlyList<WorkerInfo> workers, IReadOnlyList<string>? scaledFromZero = null)
    {
        var need = spec.Placement;
        var problems = new List<SpecProblem>();
        var onDemand = (scaledFromZero ?? []).Where(k => need.Accelerator == Accelerators.Any || k == need.Accelerator).ToList();
        var have = workers.Where(w => w.Slots > 0).ToList();
        var summary = have.Count == 0 ? "no worker silos"
            : string.Join(", ", have.GroupBy(w => w.Accelerator).Select(g => $"{g.Key}×{g.Count()}"));
        var kindMatches = have.Where(w => need.Accelerator == Accelerators.Any || w.Accelerator == need.Accelerator).ToList();
        if (kindMatches.Count == 0 && onDemand.Count > 0) return problems; // the autoscaler brings one; its memory is checked when it is live
        if (kindMatches.Count == 0)
            problems.Add(new SpecProblem("placement.accelerator",
                need.Accelerator == Accelerators.Any ? $"no silo can run trials (cluster has: {summary})" : $"nobody has '{need.Accelerator}' (cluster has: {summary})"));
        else if (!kindMatches.Any(w => w.Satisfies(need)))
            problems.Add(new SpecProblem("placement.min_device_memory",
                $"no '{need.Accelerator}' silo has {ByteSize.Format(need.MinDeviceMemory)} (largest: {ByteSize.Format(kindMatches.Max(w => w.Budget))})"));
        return problems;
    }
}
