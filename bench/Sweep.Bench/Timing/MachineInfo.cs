namespace Sweep.Bench.Timing;

/// <summary>
/// What a benchmark ran on, printed with its results because machines differ: CPU model, the vector-instruction
/// flags that decide matmul and bf16 speed, logical cores, and the load average (other work on a shared machine).
/// </summary>
public sealed record MachineInfo(string CpuModel, IReadOnlyList<string> VectorFlags, int LogicalCores)
{
    /// <summary>The /proc/cpuinfo flags that matter here, in this order when present.</summary>
    public static readonly IReadOnlyList<string> FlagsOfInterest = ["avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_tile"];

    public static MachineInfo Current()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var lines = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo) : [];
        return FromCpuInfo(lines, Environment.ProcessorCount);
    }

    /// <summary>Reads the first processor's model name and flags from /proc/cpuinfo lines.</summary>
    public static MachineInfo FromCpuInfo(IEnumerable<string> lines, int logicalCores)
    {
        string? model = null;
        IReadOnlyList<string>? flags = null;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (model is null && key == "model name") model = value;
            if (flags is null && key == "flags")
            {
                var present = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                flags = FlagsOfInterest.Where(present.Contains).ToList();
            }
            if (model is not null && flags is not null) break;
        }
        return new MachineInfo(model ?? "unknown CPU", flags ?? [], logicalCores);
    }

    /// <summary>The 1-, 5- and 15-minute load averages, or "n/a" where /proc/loadavg is missing.</summary>
    public static string LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return "n/a";
        var parts = File.ReadAllText(loadavg).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : "n/a";
    }

    public override string ToString() =>
        $"{CpuModel}; flags: {(VectorFlags.Count == 0 ? "none of " + string.Join('/', FlagsOfInterest) : string.Join(' ', VectorFlags))}" +
        $"{(VectorFlags.Contains("avx512_bf16") || VectorFlags.Contains("amx_bf16") ? "" : " (no native bf16)")}; {LogicalCores} logical cores";
}
