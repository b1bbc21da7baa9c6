using Sweep.Client.Commands;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;
using Sweep.Spec;
using Sweep.Training;

namespace Sweep.Client.Cluster;

/// <summary>Loading a spec for submission: every problem of the file, then of its placement against the cluster; nothing is submitted on a problem.</summary>
public static class ClusterSpec
{
    public static SweepSpec Load(string path)
    {
        var result = SpecChecks.LoadFile(path);
        if (!result.IsValid) throw new InvalidInputException(Describe(path, result.Problems));
        return result.Spec!;
    }

    public static async Task<IExperimentGrain> SubmitAsync(IClusterClient client, string path, SweepSpec spec)
    {
        var registry = client.GetGrain<IExperimentRegistryGrain>(0);
        var workers = await registry.Workers();
        var problems = ClusterCheck.Check(spec, workers, await registry.ScaledFromZero());
        if (problems.Count == 0) problems = MemoryNeeds.Check(spec, MemoryNeeds.Apply(spec, SpecExpander.Expand(spec)), workers);
        if (problems.Count > 0) throw new InvalidInputException(Describe(path, problems));
        var grain = client.GetGrain<IExperimentGrain>(ExperimentIds.For(spec));
        await grain.Submit(spec);
        return grain;
    }

    private static string Describe(string path, IReadOnlyList<SpecProblem> problems) =>
        $"{path}: {problems.Count} problem(s)\n" + string.Join("\n", problems.Select(p => $"  {p}"));
}
