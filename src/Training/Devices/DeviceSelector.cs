using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Devices;

/// <summary>
/// Chooses the device a trial runs on: "auto" tries cuda, then mps, then cpu, each probed by allocating a
/// tensor (<see cref="DeviceProbe.CanAllocate"/>). An explicit device that does not work is bad input.
/// </summary>
public static class DeviceSelector
{
    public static readonly IReadOnlyList<string> Known = ["auto", "cpu", "cuda", "mps"];

    public static Device Resolve(string requested)
    {
        switch (requested)
        {
            case "auto":
                return DeviceProbe.CanAllocate(DeviceType.CUDA) ? CUDA : DeviceProbe.CanAllocate(DeviceType.MPS) ? new Device(DeviceType.MPS) : CPU;
            case "cpu":
                return CPU;
            case "cuda":
                return DeviceProbe.CanAllocate(DeviceType.CUDA) ? CUDA : throw new InvalidInputException("device: cuda was requested but no CUDA device could allocate a tensor");
            case "mps":
                return DeviceProbe.CanAllocate(DeviceType.MPS) ? new Device(DeviceType.MPS) : throw new InvalidInputException("device: mps was requested but no MPS device could allocate a tensor");
            default:
                throw new InvalidInputException($"device: unknown device '{requested}' (known: {string.Join(", ", Known)})");
        }
    }

    public static string Name(Device d) => d.type switch
    {
        DeviceType.CUDA => d.index >= 0 ? $"cuda:{d.index}" : "cuda",
        DeviceType.MPS => "mps",
        _ => "cpu",
    };
}
