namespace Sweep.Grains.Interfaces.Spec;

/// <summary>A silo that runs trials, as its metadata describes it.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Accelerator,
    [property: Id(2)] long DeviceMemory,
    [property: Id(3)] int Slots)
{
    /// <summary>Whether this worker has the hardware <paramref name="need"/> asks for.</summary>
    public bool Satisfies(PlacementSpec need) =>
        Slots > 0
        && (need.Accelerator == Accelerators.Any || need.Accelerator == Accelerator)
        && (need.MinDeviceMemory <= 0 || DeviceMemory >= need.MinDeviceMemory);
}

/// <summary>Checks a spec against the workers of a cluster: can every trial be placed somewhere?</summary>
public static class ClusterCheck
{
    public static IReadOnlyList<SpecProblem> Check(SweepSpec spec, IReadOnlyList<WorkerInfo> workers)
    {
        var need = spec.Placement;
        var problems = new List<SpecProblem>();
        var have = workers.Where(w => w.Slots > 0).ToList();
        var summary = have.Count == 0 ? "no worker silos"
            : string.Join(", ", have.GroupBy(w => w.Accelerator).Select(g => $"{g.Key}×{g.Count()}"));
        var kindMatches = have.Where(w => need.Accelerator == Accelerators.Any || w.Accelerator == need.Accelerator).ToList();
        if (kindMatches.Count == 0)
            problems.Add(new SpecProblem("placement.accelerator",
                need.Accelerator == Accelerators.Any ? $"no silo can run trials (cluster has: {summary})" : $"nobody has '{need.Accelerator}' (cluster has: {summary})"));
        else if (!kindMatches.Any(w => w.Satisfies(need)))
            problems.Add(new SpecProblem("placement.min_device_memory",
                $"no '{need.Accelerator}' silo has {ByteSize.Format(need.MinDeviceMemory)} (largest: {ByteSize.Format(kindMatches.Max(w => w.DeviceMemory))})"));
        return problems;
    }
}
