using Sweep.Grains.Hosting;
using Sweep.Grains.Placement;
using Sweep.Settings;
using Sweep.Training.Devices;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class SiloHardwareTests
{
    [Fact]
    public void An_auto_silo_advertises_what_the_training_core_probes()
    {
        var report = DeviceProbe.Detect();
        var hardware = SiloHardware.Of(new SweepSiloOptions { Role = SiloRole.Worker, Accelerator = AcceleratorChoice.Auto });
        Assert.Equal(report.Accelerator, hardware.Accelerator);
        Assert.True(Accelerators.IsKind(hardware.Accelerator), hardware.Accelerator);
        if (hardware.Accelerator != Accelerators.Cuda) Assert.Equal(report.MemoryBytes, hardware.DeviceMemory);
    }

    [Fact]
    public void Configured_memory_wins_and_a_control_silo_offers_nothing()
    {
        var cpu = SiloHardware.Of(new SweepSiloOptions { Role = SiloRole.Worker, Accelerator = AcceleratorChoice.Cpu, DeviceMemory = "8GiB", Slots = 3 });
        Assert.Equal((Accelerators.Cpu, 8L << 30, 3), (cpu.Accelerator, cpu.DeviceMemory, cpu.Slots));
        var control = SiloHardware.Of(new SweepSiloOptions { Role = SiloRole.Control });
        Assert.Equal(("none", 0L, 0), (control.Accelerator, control.DeviceMemory, control.Slots));
    }

    [Fact]
    public void The_memory_budget_is_the_device_memory_unless_set_and_travels_in_the_metadata_only_when_set()
    {
        var plain = SiloHardware.Of(new SweepSiloOptions { Role = SiloRole.Worker, Accelerator = AcceleratorChoice.Cpu, DeviceMemory = "8GiB" });
        Assert.Equal(8L << 30, plain.MemoryBudget);
        Assert.Equal(8L << 30, WorkerMetadata.FromMetadata("s", plain.ToMetadata()).Budget);
        Assert.DoesNotContain(WorkerMetadata.MemoryBudget, plain.ToMetadata().Keys);

        var budgeted = SiloHardware.Of(new SweepSiloOptions { Role = SiloRole.Worker, Accelerator = AcceleratorChoice.Cpu, DeviceMemory = "8GiB", MemoryBudget = "3GiB" });
        var advertised = WorkerMetadata.FromMetadata("s", budgeted.ToMetadata());
        Assert.Equal((8L << 30, 3L << 30, 3L << 30), (advertised.DeviceMemory, advertised.MemoryBudget, advertised.Budget));
    }
}
