using Sweep.Grains.Placement;
using Sweep.Settings;
using Sweep.Spec;
using Sweep.Training.Devices;

namespace Sweep.Grains.Hosting;

/// <summary>
/// What this silo offers, resolved once from its options (the accelerator is probed when the choice is auto) and
/// advertised to placement as silo metadata. A control silo offers no device and no slots.
/// </summary>
/// <param name="MemoryBudget">what the trials it runs at once may need together: <c>Sweep:MemoryBudget</c>, else its device memory.</param>
public sealed record SiloHardware(SiloRole Role, string Accelerator, long DeviceMemory, int Slots, long MemoryBudget)
{
    public static SiloHardware Of(SweepSiloOptions options)
    {
        // auto: one probe gives the kind and its memory (see DeviceReport.MemoryBytes); a named kind reads only its memory
        var (accelerator, probedMemory) = options.Role == SiloRole.Control ? ("none", 0L) : options.Accelerator switch
        {
            AcceleratorChoice.Cuda => (Accelerators.Cuda, (long?)null),
            AcceleratorChoice.Mps => (Accelerators.Mps, null),
            AcceleratorChoice.Cpu => (Accelerators.Cpu, null),
            _ => DeviceProbe.Detect() is var report ? (report.Accelerator, report.MemoryBytes) : default,
        };
        var memory = !string.IsNullOrEmpty(options.DeviceMemory) ? ByteSize.TryParse(options.DeviceMemory)!.Value
            : probedMemory ?? DeviceProbe.Memory(accelerator);
        var slots = options.Role == SiloRole.Control ? 0 : options.Slots ?? DefaultSlots(accelerator);
        var budget = !string.IsNullOrEmpty(options.MemoryBudget) ? ByteSize.TryParse(options.MemoryBudget)!.Value : memory;
        return new SiloHardware(options.Role, accelerator, memory, slots, options.Role == SiloRole.Control ? 0 : budget);
    }

    /// <summary>Default slots: one trial at a time on a GPU, one per two cores on a CPU.</summary>
    public static int DefaultSlots(string accelerator) =>
        accelerator == Accelerators.Cpu ? Math.Max(1, Environment.ProcessorCount / 2) : 1;

    public Dictionary<string, string> ToMetadata() => WorkerMetadata.ToMetadata(Accelerator, DeviceMemory, Slots, Role.ToString().ToLowerInvariant(),
        MemoryBudget != DeviceMemory ? MemoryBudget : 0);
}
