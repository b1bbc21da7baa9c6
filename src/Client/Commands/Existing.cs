using Sweep.Client.Cluster;
using Sweep.Grains.Interfaces;
using Sweep.Training;

namespace Sweep.Client.Commands;

/// <summary>Looks up an experiment that must exist (an unknown id is bad input).</summary>
internal static class Existing
{
    public static async Task<IExperimentGrain> Experiment(SweepConnection c, string id)
    {
        var grain = c.Client.GetGrain<IExperimentGrain>(id);
        var status = await grain.GetStatus();
        if (status.State == ExperimentState.NotSubmitted) throw new InvalidInputException($"no experiment '{id}' on this cluster (see 'sweep list')");
        return grain;
    }
}
