using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>A silo that runs trials, as its metadata describes it.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Accelerator,
    [property: Id(2)] long DeviceMemory,
    [property: Id(3)] int Slots)
{
    /// <summary>What the trials it runs at once may need together (<c>Sweep:MemoryBudget</c>); 0: its device memory.</summary>
    [Id(4)] public long MemoryBudget { get; init; }

    /// <summary>The memory its trials' needs must fit together: the budget, else the device memory; 0: no limit.</summary>
    public long Budget => MemoryBudget > 0 ? MemoryBudget : DeviceMemory;

    /// <summary>Whether this worker has the hardware <paramref name="need"/> asks for; a worker that advertises no memory
    /// (a GPU whose driver library cannot tell) is not held to a memory need.</summary>
    public bool Satisfies(PlacementSpec need) =>
        Slots > 0
        && (need.Accelerator == Accelerators.Any || need.Accelerator == Accelerator)
        && (need.MinDeviceMemory <= 0 || Budget <= 0 || Budget >= need.MinDeviceMemory);
}
