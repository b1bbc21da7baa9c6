using Sweep.Settings;
using Sweep.Training.Devices;

namespace Sweep.Grains.Hosting;

/// <summary>
/// The accelerator and device memory a silo advertises, from the training core's probe (<see cref="DeviceProbe"/>):
/// cuda (a device that allocates; memory is its free memory at start-up), else mps (allocation probed; memory is the
/// machine's, which its GPU shares), else cpu.
/// </summary>
public static class AcceleratorProbe
{
    public static string Detect() => DeviceProbe.Detect().Accelerator switch
    {
        DeviceProbe.Cuda => Accelerators.Cuda,
        DeviceProbe.Mps => Accelerators.Mps,
        _ => Accelerators.Cpu,
    };

    /// <summary>Bytes for the silo's device_memory: see <see cref="DeviceReport.MemoryBytes"/>; 0 when unknown.</summary>
    public static long DeviceMemory(string accelerator) => DeviceProbe.Memory(accelerator);

    public static int DefaultSlots(string accelerator) =>
        accelerator == Accelerators.Cpu ? Math.Max(1, Environment.ProcessorCount / 2) : 1;
}
