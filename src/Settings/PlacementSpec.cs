namespace Sweep.Settings;

/// <summary>What hardware a trial needs.</summary>
[GenerateSerializer, Immutable]
public sealed record PlacementSpec
{
    /// <summary>cuda | mps | cpu | any</summary>
    [Id(0)] public string Accelerator { get; init; } = Accelerators.Any;
    /// <summary>Minimum device memory in bytes (0 = no minimum).</summary>
    [Id(1)] public long MinDeviceMemory { get; init; }
}
