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

    public long PeakBytes()
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
                return kb * 1024;
            }
        }
        return Environment.WorkingSet;
    }
}
