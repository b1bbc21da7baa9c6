using Orleans.Placement;

namespace Sweep.Grains.Placement;

/// <summary>Places experiment, aggregation and registry grains on control silos (role control or all).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ControlPlacementStrategy : PlacementStrategy
{
    public static readonly ControlPlacementStrategy Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ControlPlacementAttribute() : PlacementAttribute(ControlPlacementStrategy.Instance);
