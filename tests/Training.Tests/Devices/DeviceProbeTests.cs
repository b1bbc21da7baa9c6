using Sweep.Settings;
using Sweep.Training.Devices;
using TorchSharp;

namespace Sweep.Training.Tests.Devices;

[Category(Category.Unit)]
public sealed class DeviceProbeTests
{
    [Fact]
    public void TheReportNamesTheFirstKindThatAllocatesAndItsMemory()
    {
        var report = DeviceProbe.Detect();
        var expected = DeviceProbe.CanAllocate(DeviceType.CUDA) ? Accelerators.Cuda
            : DeviceProbe.CanAllocate(DeviceType.MPS) ? Accelerators.Mps : Accelerators.Cpu;
        Assert.Equal(expected, report.Accelerator);
        // Independently of the probe: libtorch's own CUDA check, and no MPS backend in a Linux libtorch.
        if (!torch.cuda.is_available()) Assert.NotEqual(Accelerators.Cuda, report.Accelerator);
        if (OperatingSystem.IsLinux() && !torch.cuda.is_available()) Assert.Equal(Accelerators.Cpu, report.Accelerator);
        Assert.True(report.DeviceCount >= 1, $"device count {report.DeviceCount}");
        if (report.Accelerator != Accelerators.Cuda)
            Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, report.MemoryBytes);
    }

    [Fact]
    public void CpuAndMpsAdvertiseTheMachinesMemory()
    {
        var machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.True(machine > 0);
        Assert.Equal(machine, DeviceProbe.Memory(Accelerators.Cpu));
        Assert.Equal(machine, DeviceProbe.Memory(Accelerators.Mps));
    }

    [Fact]
    public void CpuAlwaysAllocates() => Assert.True(DeviceProbe.CanAllocate(DeviceType.CPU));

    [LinuxFact("a Linux libtorch has no MPS backend")]
    public void MpsIsNotClaimedWhereItCannotAllocate()
    {
        // The probe must say no rather than trust an OS check.
        Assert.False(DeviceProbe.CanAllocate(DeviceType.MPS));
        var e = Assert.Throws<InvalidInputException>(() => DeviceSelector.Resolve("mps"));
        Assert.Equal("device: mps was requested but no MPS device could allocate a tensor", e.Message);
    }

    [Fact]
    public void CudaMemoryComesFromTheDriverOrIsUnknown()
    {
        var info = CudaMemoryInfo.Query(0);
        if (DeviceProbe.CanAllocate(DeviceType.CUDA))
        {
            Assert.NotNull(info);
            Assert.InRange(info.Value.Free, 1, info.Value.Total);
            Assert.Equal(info.Value.Free, DeviceProbe.Memory(Accelerators.Cuda), tolerance: 1L << 30);
        }
        else if (info is null)
        {
            Assert.Equal(0, DeviceProbe.Memory(Accelerators.Cuda));
        }
        else
        {
            // the driver sees a GPU that this libtorch cannot use: the advertised memory is still the driver's free memory
            Assert.Equal(info.Value.Free, DeviceProbe.Memory(Accelerators.Cuda), tolerance: 1L << 30);
        }
    }
}
