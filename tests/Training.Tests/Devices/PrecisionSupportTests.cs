using Sweep.Training.Devices;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Devices;

[Category(Category.Unit)]
public sealed class PrecisionSupportTests
{
    [Theory]
    [InlineData(DeviceType.CUDA)]
    [InlineData(DeviceType.MPS)]
    public void AcceleratorsComputeInFp16(DeviceType type) =>
        Assert.Equal(ScalarType.Float16, PrecisionSupport.HalfType(new Device(type)));

    [Fact]
    public void CpuUsesBf16OnlyWithNativeBf16Instructions()
    {
        var flags = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(' ') ?? []
            : [];
        var native = flags.Contains("avx512_bf16") || flags.Contains("amx_bf16");
        Assert.Equal(native ? ScalarType.BFloat16 : (ScalarType?)null, PrecisionSupport.HalfType(CPU));
    }
}
