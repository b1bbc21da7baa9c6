using Sweep.Training.Devices;
using Sweep.Training.Quantization;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Quantization;

[Collection(GlobalTorchRandom.Name)]
[Category(Category.Unit)]
public sealed class Nf4DeviceOpsTests(ITestOutputHelper log)
{
    [Fact]
    public void TheCpuIsTheReferenceAndNeedsNoCheck() => Assert.Same(Nf4DeviceSupport.Full, Nf4DeviceOps.Check(CPU));

    [Fact]
    public void EveryOpRunsAndAgreesWithItselfOnTheCpu()
    {
        // Probing the CPU against the CPU runs every op: a broken op definition throws and shows up as missing.
        var support = Nf4DeviceOps.Probe(CPU);
        Assert.Empty(support.MissingQuantizeOps);
        Assert.Empty(support.MissingDequantizeOps);
    }

    [LinuxFact("a Linux libtorch has no MPS backend, so every op fails there")]
    public void ADeviceThatCannotRunAnOpReportsItByNameAndFallsBack()
    {
        // Both phases must fall back to the CPU.
        var support = Nf4DeviceOps.Probe(new Device(DeviceType.MPS));
        Assert.Equal([Nf4DeviceOps.Bucketize, Nf4DeviceOps.ToUInt8, Nf4DeviceOps.PackBytes], support.MissingQuantizeOps);
        Assert.Equal([Nf4DeviceOps.ToInt32, Nf4DeviceOps.Lookup, Nf4DeviceOps.FloorDivRemainder], support.MissingDequantizeOps);
        Assert.False(support.QuantizeOnDevice);
        Assert.False(support.DequantizeOnDevice);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheCpuFallbackRebuildsTheSameWeight(bool doubleQuant)
    {
        manual_seed(5);
        using var w = randn(48, 40);
        using var q = Nf4Weight.Quantize(w, doubleQuant);
        using var onDevice = q.Dequantize(float32, onCpu: false);
        using var onCpu = q.Dequantize(float32, onCpu: true);
        Assert.True(Nf4DeviceOps.Same(onDevice, onCpu));
    }

    [Theory]
    [InlineData(DeviceType.CUDA)]
    [InlineData(DeviceType.MPS)]
    public void OnEachAcceleratorNf4MatchesTheCpu(DeviceType type)
    {
        if (!DeviceProbe.CanAllocate(type))
        {
            log.WriteLine($"{type}: not on this machine, NF4 ops not checked here");
            return;
        }
        var device = new Device(type);
        var support = Nf4DeviceOps.Probe(device);
        log.WriteLine($"{type}: missing for quantization [{string.Join("; ", support.MissingQuantizeOps)}], " +
                      $"for dequantization [{string.Join("; ", support.MissingDequantizeOps)}]");
        manual_seed(6);
        using var w = randn(64, 96);
        using var q = Nf4Weight.Quantize(w, doubleQuant: true);
        using var reference = q.Dequantize(float32);
        q.to(device);
        using var rebuilt = q.Dequantize(float32);
        Assert.Equal(type, rebuilt.device.type);
        using var back = rebuilt.cpu();
        Assert.True(Nf4DeviceOps.Same(reference, back));
    }
}
