using Sweep.Grains.Hosting;
using Sweep.Settings;
using Sweep.Training.Devices;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class AcceleratorProbeTests
{
    [Fact]
    public void TheSiloAdvertisesWhatTheTrainingCoreProbes()
    {
        var report = DeviceProbe.Detect();
        var accelerator = AcceleratorProbe.Detect();
        Assert.Equal(report.Accelerator, accelerator);
        Assert.True(Accelerators.IsKind(accelerator), accelerator);
    }

    [Fact]
    public void CpuAndMpsAdvertiseTheMachinesMemory()
    {
        var machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.True(machine > 0);
        Assert.Equal(machine, AcceleratorProbe.DeviceMemory(Accelerators.Cpu));
        Assert.Equal(machine, AcceleratorProbe.DeviceMemory(Accelerators.Mps));
    }

    [Fact]
    public void CudaMemoryIsUnknownWithoutTheDriver()
    {
        if (CudaMemoryInfo.Query(0) is not null) return;   // a machine with an NVIDIA driver: covered by the training core's tests
        Assert.Equal(0, AcceleratorProbe.DeviceMemory(Accelerators.Cuda));
    }
}
