using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Devices;

/// <summary>
/// Chooses the device a trial runs on: "auto" tries cuda, then mps, then cpu, each probed by allocating a
/// tensor (torch.mps_is_available only checks the OS). An explicit device that does not work is bad input.
/// </summary>
public static class DeviceSelector
{
    public static readonly IReadOnlyList<string> Known = ["auto", "cpu", "cuda", "mps"];

    public static Device Resolve(string requested)
    {
        switch (requested)
        {
            case "auto":
                return TryProbe(DeviceType.CUDA) ?? TryProbe(DeviceType.MPS) ?? CPU;
            case "cpu":
                return CPU;
            case "cuda":
                return TryProbe(DeviceType.CUDA) ?? throw new InvalidInputException("device: cuda was requested but no CUDA device could allocate a tensor");
            case "mps":
                return TryProbe(DeviceType.MPS) ?? throw new InvalidInputException("device: mps was requested but no MPS device could allocate a tensor");
            default:
                throw new InvalidInputException($"device: unknown device '{requested}' (known: {string.Join(", ", Known)})");
        }
    }

    /// <summary>The accelerator kind a silo advertises: cuda, mps or cpu.</summary>
    public static string DetectAccelerator() => Resolve("auto").type switch
    {
        DeviceType.CUDA => "cuda",
        DeviceType.MPS => "mps",
        _ => "cpu",
    };

    public static string Name(Device d) => d.type switch
    {
        DeviceType.CUDA => d.index >= 0 ? $"cuda:{d.index}" : "cuda",
        DeviceType.MPS => "mps",
        _ => "cpu",
    };

    private static Device? TryProbe(DeviceType type)
    {
        try
        {
            if (type == DeviceType.CUDA && !cuda.is_available()) return null;
            var device = new Device(type);
            using var t = zeros(1, device: device);
            return device;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
