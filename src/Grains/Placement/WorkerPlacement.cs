using Orleans.Placement;

namespace Sweep.Grains.Placement;

/// <summary>Places trial grains on worker silos whose metadata satisfies the need encoded in the trial key.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class WorkerPlacementStrategy : PlacementStrategy
{
    public static readonly WorkerPlacementStrategy Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerPlacementAttribute() : PlacementAttribute(WorkerPlacementStrategy.Instance);
