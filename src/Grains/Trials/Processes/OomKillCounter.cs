namespace Sweep.Grains.Trials.Processes;

/// <summary>
/// How many processes the kernel's out-of-memory killer has ended in this process's cgroup (cgroup v2
/// <c>memory.events</c>, field <c>oom_kill</c>); trial processes share the silo's cgroup. Null where it cannot be read.
/// </summary>
public static class OomKillCounter
{
    public static long? Read()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return null;
            var group = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
            if (group is null) return null;
            var events = Path.Combine("/sys/fs/cgroup", group.TrimStart('/'), "memory.events");
            if (!File.Exists(events)) return null;
            return Parse(File.ReadAllLines(events));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The <c>oom_kill</c> count of a <c>memory.events</c> file's lines.</summary>
    public static long? Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["oom_kill", var n] && long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var v)) return v;
        }
        return null;
    }
}
