using System.Globalization;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Placement;

/// <summary>Silo metadata keys a worker advertises (<c>UseSiloMetadata</c>) and how they map to <see cref="WorkerInfo"/>.</summary>
public static class WorkerMetadata
{
    public const string Accelerator = "accelerator";
    public const string DeviceMemory = "device_memory";
    public const string Slots = "slots";
    /// <summary>Bytes the silo's trials may need together, when set apart from its device memory (<c>Sweep:MemoryBudget</c>).</summary>
    public const string MemoryBudget = "memory_budget";
    /// <summary>control | worker | all: whether the silo hosts experiments and aggregation (control, all).</summary>
    public const string Role = "role";

    public static Dictionary<string, string> ToMetadata(string accelerator, long deviceMemory, int slots, string role = "all", long memoryBudget = 0)
    {
        var metadata = new Dictionary<string, string>
        {
            [Role] = role,
            [Accelerator] = accelerator,
            [DeviceMemory] = deviceMemory.ToString(CultureInfo.InvariantCulture),
            [Slots] = slots.ToString(CultureInfo.InvariantCulture),
        };
        if (memoryBudget > 0) metadata[MemoryBudget] = memoryBudget.ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>Whether the silo hosts experiments and aggregation: role control or all (a silo without the key counts as all).</summary>
    public static bool IsControl(IReadOnlyDictionary<string, string> metadata) =>
        !metadata.TryGetValue(Role, out var role) || role != "worker";

    /// <summary>The worker a silo's metadata describes; a silo without the keys runs no trials (0 slots).</summary>
    public static WorkerInfo FromMetadata(string silo, IReadOnlyDictionary<string, string> metadata)
    {
        var accel = metadata.TryGetValue(Accelerator, out var a) ? a : "none";
        var memory = metadata.TryGetValue(DeviceMemory, out var m) && long.TryParse(m, CultureInfo.InvariantCulture, out var mv) ? mv : 0;
        var slots = metadata.TryGetValue(Slots, out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var sv) ? sv : 0;
        var budget = metadata.TryGetValue(MemoryBudget, out var b) && long.TryParse(b, CultureInfo.InvariantCulture, out var bv) ? bv : 0;
        return new WorkerInfo(silo, accel, memory, slots) { MemoryBudget = budget };
    }
}
