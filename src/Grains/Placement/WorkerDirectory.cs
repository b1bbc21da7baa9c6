using Orleans.Runtime.MembershipService.SiloMetadata;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Placement;

/// <summary>The live worker silos of the cluster and their hardware, from membership and silo metadata.</summary>
public interface IWorkerDirectory
{
    IReadOnlyList<WorkerInfo> LiveWorkers();
}

public sealed class WorkerDirectory(IClusterMembershipService membership, ISiloMetadataCache metadata) : IWorkerDirectory
{
    public IReadOnlyList<WorkerInfo> LiveWorkers() =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => WorkerMetadata.FromMetadata(m.SiloAddress.ToParsableString(), metadata.GetSiloMetadata(m.SiloAddress).Metadata))
            .Where(w => w.Slots > 0)
            .OrderBy(w => w.Silo, StringComparer.Ordinal)
            .ToList();
}
