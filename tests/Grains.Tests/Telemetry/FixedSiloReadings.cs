using Sweep.Grains.Interfaces;
using Sweep.Grains.Telemetry;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>Silo readings with set values, for tests of the exporter without a silo (the cluster tests read real silos).</summary>
public sealed class FixedSiloReadings : ISiloReadings
{
    public bool IsControl { get; init; } = true;
    public string Silo { get; init; } = "127.0.0.1:11111";
    public string Accelerator { get; init; } = "cpu";
    public int Slots { get; init; } = 4;
    public int UsedSlots { get; init; } = 3;
    public long DeviceMemory { get; init; } = 8L << 30;
    public long DeviceMemoryUsed() => 1L << 30;
    public long MemoryBudget { get; init; } = 6L << 30;
    public long MemoryReserved() => 2L << 30;
    public (double Samples, double Tokens) Throughput() => (100, 12_800);
    public IReadOnlyList<WorkerInfo> LiveWorkers() => [new WorkerInfo(Silo, Accelerator, DeviceMemory, Slots)];
}
