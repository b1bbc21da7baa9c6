using Microsoft.Extensions.DependencyInjection;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training.Devices;

namespace Sweep.Grains.Telemetry;

/// <summary>
/// The silo's readings for the metrics, resolved from its services on first use (the hardware probe runs once, when the
/// silo starts). Device memory in use: CUDA asks NVML (the whole device; at most every 5 s), CPU and MPS read this process's
/// working set (MPS shares the machine's memory).
/// </summary>
public sealed class SiloReadings(IServiceProvider services) : ISiloReadings
{
    private static readonly TimeSpan CudaQueryInterval = TimeSpan.FromSeconds(5);
    private readonly Lazy<SiloHardware> _hardware = new(services.GetRequiredService<SiloHardware>);
    private readonly Lazy<string> _silo = new(() => services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString());
    private (DateTime At, long Used) _cuda;

    public bool IsControl => _hardware.Value.Role != SiloRole.Worker;
    public string Silo => _silo.Value;
    public string Accelerator => _hardware.Value.Accelerator;
    public int Slots => _hardware.Value.Slots;
    public int UsedSlots => services.GetRequiredService<SlotWorkers>().Busy;
    public long DeviceMemory => _hardware.Value.DeviceMemory;
    public long MemoryBudget => _hardware.Value.MemoryBudget;
    public long MemoryReserved() => services.GetRequiredService<SlotWorkers>().Reserved;

    public long DeviceMemoryUsed()
    {
        if (Accelerator != Accelerators.Cuda) return Environment.WorkingSet;
        var cached = _cuda;
        if (DateTime.UtcNow - cached.At < CudaQueryInterval) return cached.Used;
        var used = CudaMemoryInfo.Query(0) is { } m ? m.Total - m.Free : 0;
        _cuda = (DateTime.UtcNow, used);
        return used;
    }

    public (double Samples, double Tokens) Throughput() => services.GetRequiredService<RunningTrials>().Throughput();

    public IReadOnlyList<WorkerInfo> LiveWorkers() => services.GetRequiredService<IWorkerDirectory>().LiveWorkers();
}
