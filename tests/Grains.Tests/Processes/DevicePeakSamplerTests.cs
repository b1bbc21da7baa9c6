using Sweep.Grains.Trials.Processes;

namespace Sweep.Grains.Tests.Processes;

/// <summary>The silo's sampler of a CUDA trial process's device memory: which devices it samples, and what it keeps.</summary>
[Category(Category.Unit)]
public sealed class DevicePeakSamplerTests
{
    [Theory]
    [InlineData("cuda", 0)]
    [InlineData("cuda:3", 3)]
    [InlineData("cpu", null)]
    [InlineData("mps", null)]
    [InlineData("auto", null)]
    [InlineData("cuda:x", null)]
    [InlineData("cuda:-1", null)]
    public void Only_a_cuda_device_is_sampled(string device, int? index)
    {
        Assert.Equal(index, DevicePeakSampler.CudaIndex(device));
        using var sampler = DevicePeakSampler.For(device, Environment.ProcessId);
        Assert.Equal(index is not null, sampler is not null);
    }

    [Fact]
    public void The_largest_reading_is_kept_and_readings_that_cannot_tell_are_skipped()
    {
        var readings = new Queue<Func<long?>>([() => null, () => 5, () => 9, () => throw new InvalidOperationException("driver"), () => 7, () => null]);
        using var sampler = new DevicePeakSampler(() => readings.Dequeue()());
        Assert.Null(sampler.Peak);
        sampler.Sample();
        Assert.Null(sampler.Peak); // nothing known yet
        while (readings.Count > 0) sampler.Sample();
        Assert.Equal(9, sampler.Peak);
    }

    [Fact]
    public void On_a_machine_without_the_driver_a_cuda_sampler_reads_nothing()
    {
        using var sampler = DevicePeakSampler.For("cuda", Environment.ProcessId)!;
        sampler.Sample();
        if (Sweep.Training.Devices.NvmlLibrary.TryLoad(out var library)) { System.Runtime.InteropServices.NativeLibrary.Free(library); return; }
        Assert.Null(sampler.Peak);
    }
}
