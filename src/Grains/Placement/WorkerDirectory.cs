using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Placement;

/// <summary>The live worker silos of the cluster and their hardware, from membership and silo metadata.</summary>
public interface IWorkerDirectory
{
    IReadOnlyList<WorkerInfo> LiveWorkers();

    /// <summary>Worker kinds an autoscaler starts when trials wait for them (<c>Sweep:ScaledFromZero</c>): trials for these
    /// kinds are accepted while no such worker is live.</summary>
    IReadOnlyList<string> ScaledFromZero { get; }
}

public sealed class WorkerDirectory(IClusterMembershipService membership, ISiloMetadataCache metadata, IOptions<SweepSiloOptions> options) : IWorkerDirectory
{
    public IReadOnlyList<string> ScaledFromZero { get; } = SweepSiloOptionsValidator.AcceleratorList(options.Value.ScaledFromZero);

    public IReadOnlyList<WorkerInfo> LiveWorkers() =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => WorkerMetadata.FromMetadata(m.SiloAddress.ToParsableString(), metadata.GetSiloMetadata(m.SiloAddress).Metadata))
            .Where(w => w.Slots > 0)
            .OrderBy(w => w.Silo, StringComparer.Ordinal)
            .ToList();
}
