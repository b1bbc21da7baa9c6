namespace Sweep.Training.Devices;

/// <summary>
/// Peak memory of a trial. On CPU (Linux): the process's peak resident set (VmHWM), reset at trial start by
/// writing 5 to /proc/self/clear_refs — so it counts everything resident in the process during the trial
/// (runtime, tokenizer, model, activations, optimizer state), not only tensors. Where the reset is refused
/// the peak is since process start. CUDA/MPS peaks are device-side and measured by those workers (see docs).
/// </summary>
public sealed class MemoryProbe
{
    private readonly bool _resetWorked;

    private MemoryProbe(bool resetWorked) => _resetWorked = resetWorked;

    public static MemoryProbe Start()
    {
        var ok = false;
        try
        {
            if (OperatingSystem.IsLinux())
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                ok = true;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new MemoryProbe(ok);
    }

    /// <summary>True when the peak covers only this trial (the kernel accepted the reset).</summary>
    public bool IsPerTrial => _resetWorked;

    public long PeakBytes() => (OperatingSystem.IsLinux() ? ProcessPeakBytes() : null) ?? Environment.WorkingSet;

    /// <summary>Peak resident set (VmHWM) of process <paramref name="pid"/> (default: this one), or null where it cannot be read (gone, not Linux).</summary>
    public static long? ProcessPeakBytes(int? pid = null) => StatusKilobytes(pid, "VmHWM:") * 1024;

    private static long? StatusKilobytes(int? pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{(pid is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "self")}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
