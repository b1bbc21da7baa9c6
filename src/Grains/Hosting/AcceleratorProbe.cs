using TorchSharp;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Hosting;

/// <summary>
/// Finds the accelerator of this machine by allocating a tensor on it through TorchSharp (is_available alone
/// only checks the OS for MPS): cuda, then mps, else cpu.
/// </summary>
public static class AcceleratorProbe
{
    public static string Detect()
    {
        if (TryAllocate(() => torch.CUDA)) return Accelerators.Cuda;
        if (TryAllocate(() => new torch.Device(DeviceType.MPS))) return Accelerators.Mps;
        return Accelerators.Cpu;
    }

    /// <summary>Physical memory for cpu; for GPUs 0 (unknown) unless configured — TorchSharp has no memory-info API.</summary>
    public static long DeviceMemory(string accelerator) =>
        accelerator == Accelerators.Cpu ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes : 0;

    public static int DefaultSlots(string accelerator) =>
        accelerator == Accelerators.Cpu ? Math.Max(1, Environment.ProcessorCount / 2) : 1;

    /// <summary>Device creation itself throws when the libtorch build lacks the backend, so it happens inside the try.</summary>
    private static bool TryAllocate(Func<torch.Device> deviceOf)
    {
        try
        {
            var device = deviceOf();
            if (device.type == DeviceType.CUDA && !torch.cuda.is_available()) return false;
            using var t = torch.zeros(1, device: device);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
