using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Placement;

/// <summary>
/// Orleans placement for trial grains: reads the need (accelerator, memory) from the grain key, the silos'
/// hardware from their metadata, and the dispatcher's preferred silo from the request context.
/// </summary>
public sealed class WorkerPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    /// <summary>Request-context key under which the dispatcher names the silo it chose.</summary>
    public const string PreferredSiloKey = "sweep.silo";

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var (_, trialId, need) = TrialKey.Parse(target.GrainIdentity.Key.ToString()!);
        var silos = context.GetCompatibleSilos(target);
        var workers = silos.Select(s => WorkerMetadata.FromMetadata(s.ToParsableString(), metadata.GetSiloMetadata(s).Metadata)).ToList();
        var preferred = target.RequestContextData?.TryGetValue(PreferredSiloKey, out var p) == true ? p as string : null;
        var chosen = PlacementChooser.Choose(need, workers, preferred, Random.Shared)
            ?? throw new OrleansException($"trial {trialId}: no silo has accelerator '{need.Accelerator}' with a slot");
        return Task.FromResult(silos.First(s => s.ToParsableString() == chosen.Silo));
    }
}
