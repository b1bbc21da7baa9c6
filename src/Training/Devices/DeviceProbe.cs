using Sweep.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Devices;

/// <summary>What a worker runs trials on: the accelerator kind (cuda, mps or cpu), how many such devices, and the memory one has.</summary>
/// <param name="Accelerator">cuda, mps or cpu.</param>
/// <param name="DeviceCount">CUDA devices seen; 1 for mps and cpu.</param>
/// <param name="MemoryBytes">
/// cuda: free memory of device 0 when probed (NVML), 0 when unknown; mps: physical memory (Apple GPUs share it);
/// cpu: memory available to the process.
/// </param>
public sealed record DeviceReport(string Accelerator, int DeviceCount, long MemoryBytes);

/// <summary>
/// Probes the machine's accelerator. CUDA: the device count must be positive and a tensor must allocate on it.
/// MPS: a tensor must allocate (torch.mps_is_available only checks the OS version, and a CPU-only libtorch or a
/// VM without a GPU passes that check). Otherwise cpu.
/// </summary>
public static class DeviceProbe
{
    public static DeviceReport Detect()
    {
        if (CanAllocate(DeviceType.CUDA))
            return new DeviceReport(Accelerators.Cuda, (int)cuda.device_count(), Memory(Accelerators.Cuda));
        if (CanAllocate(DeviceType.MPS))
            return new DeviceReport(Accelerators.Mps, 1, Memory(Accelerators.Mps));
        return new DeviceReport(Accelerators.Cpu, 1, Memory(Accelerators.Cpu));
    }

    /// <summary>The memory a worker of <paramref name="accelerator"/> kind advertises (see <see cref="DeviceReport.MemoryBytes"/>).</summary>
    public static long Memory(string accelerator) => accelerator switch
    {
        Accelerators.Cuda => CudaMemoryInfo.Query(0)?.Free ?? 0,
        _ => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
    };

    /// <summary>
    /// True when a tensor allocates on <paramref name="type"/>. Creating the device itself throws when the libtorch
    /// build lacks the backend, so everything happens inside the try.
    /// </summary>
    public static bool CanAllocate(DeviceType type)
    {
        try
        {
            if (type == DeviceType.CUDA && (!cuda.is_available() || cuda.device_count() < 1)) return false;
            var device = new Device(type);
            using var t = zeros(1, device: device);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
