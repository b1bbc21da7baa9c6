using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Placement;

/// <summary>The live worker silos of the cluster and their hardware, from membership and silo metadata.</summary>
public interface IWorkerDirectory
{
    /// <summary>Active worker silos with slots, draining ones left out.</summary>
    IReadOnlyList<WorkerInfo> LiveWorkers();

    /// <summary>Worker kinds an autoscaler starts when trials wait for them (<c>Sweep:ScaledFromZero</c>): trials for these
    /// kinds are accepted while no such worker is live.</summary>
    IReadOnlyList<string> ScaledFromZero { get; }

    /// <summary>A silo handed a trial back because it drains: it takes no more trials, even while membership still shows
    /// it active (a stopping silo tells the cluster it is shutting down, but news travels).</summary>
    void MarkDraining(string silo);
}

public sealed class WorkerDirectory(IClusterMembershipService membership, ISiloMetadataCache metadata, IOptions<SweepSiloOptions> options) : IWorkerDirectory
{
    public IReadOnlyList<string> ScaledFromZero { get; } = SweepSiloOptionsValidator.AcceleratorList(options.Value.ScaledFromZero);

    private readonly ConcurrentDictionary<string, bool> _draining = new(StringComparer.Ordinal);

    public IReadOnlyList<WorkerInfo> LiveWorkers()
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).ToList();
        if (!_draining.IsEmpty) Forget(active);
        return active
            .Where(m => !_draining.ContainsKey(m.SiloAddress.ToParsableString()))
            .Select(m => WorkerMetadata.FromMetadata(m.SiloAddress.ToParsableString(), metadata.GetSiloMetadata(m.SiloAddress).Metadata))
            .Where(w => w.Slots > 0)
            .OrderBy(w => w.Silo, StringComparer.Ordinal)
            .ToList();
    }

    public void MarkDraining(string silo) => _draining[silo] = true;

    /// <summary>A draining silo that left membership is gone for good (a restarted silo has a new address).</summary>
    private void Forget(List<ClusterMember> active)
    {
        foreach (var silo in _draining.Keys)
            if (!active.Any(m => m.SiloAddress.ToParsableString() == silo)) _draining.TryRemove(silo, out _);
    }
}
