using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Sweep.Grains.Placement;

/// <summary>
/// Orleans placement for the grains that run a sweep: a control silo (role control or all), so that losing a worker
/// never takes an experiment's bookkeeping with it. The calling silo when it qualifies (no hop), else one at random;
/// any compatible silo when the cluster has no control silo.
/// </summary>
public sealed class ControlPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var control = silos.Where(s => WorkerMetadata.IsControl(metadata.GetSiloMetadata(s).Metadata)).ToArray();
        var pool = control.Length > 0 ? control : silos;
        var local = context.LocalSilo;
        return Task.FromResult(pool.Contains(local) ? local : pool[Random.Shared.Next(pool.Length)]);
    }
}
