using Sweep.Grains.Placement;
using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Hosting;

/// <summary>
/// What this silo offers, resolved once from its options (the accelerator is probed when the choice is auto) and
/// advertised to placement as silo metadata. A control silo offers no device and no slots.
/// </summary>
public sealed record SiloHardware(SiloRole Role, string Accelerator, long DeviceMemory, int Slots)
{
    public static SiloHardware Of(SweepSiloOptions options)
    {
        var accelerator = options.Role == SiloRole.Control ? "none" : options.Accelerator switch
        {
            AcceleratorChoice.Cuda => Accelerators.Cuda,
            AcceleratorChoice.Mps => Accelerators.Mps,
            AcceleratorChoice.Cpu => Accelerators.Cpu,
            _ => AcceleratorProbe.Detect(),
        };
        var memory = string.IsNullOrEmpty(options.DeviceMemory) ? AcceleratorProbe.DeviceMemory(accelerator) : ByteSize.TryParse(options.DeviceMemory)!.Value;
        var slots = options.Role == SiloRole.Control ? 0 : options.Slots ?? AcceleratorProbe.DefaultSlots(accelerator);
        return new SiloHardware(options.Role, accelerator, memory, slots);
    }

    public Dictionary<string, string> ToMetadata() => WorkerMetadata.ToMetadata(Accelerator, DeviceMemory, Slots, Role.ToString().ToLowerInvariant());
}
