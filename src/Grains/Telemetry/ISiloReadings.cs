using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Telemetry;

/// <summary>What the metrics read from the silo they run in, when scraped (from the exporter's thread).</summary>
public interface ISiloReadings
{
    /// <summary>Whether this silo hosts experiments and aggregation (role control or all).</summary>
    bool IsControl { get; }
    /// <summary>The silo's endpoint (host:port of its silo port), stable across restarts on the same address.</summary>
    string Silo { get; }
    string Accelerator { get; }
    int Slots { get; }
    int UsedSlots { get; }
    long DeviceMemory { get; }
    long DeviceMemoryUsed();
    /// <summary>What the trials executing here may need together (<c>Sweep:MemoryBudget</c>, else the device memory); 0: no limit.</summary>
    long MemoryBudget { get; }
    /// <summary>The needs (predicted peaks) of the trials executing here, summed.</summary>
    long MemoryReserved();
    /// <summary>Samples and tokens per second of the trials executing on this silo, summed.</summary>
    (double Samples, double Tokens) Throughput();
    /// <summary>Live worker silos of the cluster (as placement sees them).</summary>
    IReadOnlyList<WorkerInfo> LiveWorkers();
}
