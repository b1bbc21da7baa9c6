using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Devices;

/// <summary>
/// Which 16-bit type a device runs well: fp16 on CUDA and MPS; bf16 on CPUs with native bf16 dot products
/// (avx512_bf16 or amx_bf16; fp16 matmuls on CPU are about 4× slower than fp32 there); otherwise none (fp32).
/// </summary>
public static class PrecisionSupport
{
    private static readonly Lazy<bool> CpuBf16 = new(DetectCpuBf16);

    public static ScalarType? HalfType(Device device) => device.type switch
    {
        DeviceType.CUDA or DeviceType.MPS => ScalarType.Float16,
        _ => CpuBf16.Value ? ScalarType.BFloat16 : null,
    };

    private static bool DetectCpuBf16()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return false;
        foreach (var line in File.ReadLines(cpuinfo))
        {
            if (!line.StartsWith("flags", StringComparison.Ordinal)) continue;
            var flags = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return flags.Contains("avx512_bf16") || flags.Contains("amx_bf16");
        }
        return false;
    }
}
