namespace Sweep.Training.Devices;

/// <summary>
/// Which malloc this process allocates with, read from the libraries mapped into it: a preloaded jemalloc, tcmalloc or
/// mimalloc, else the C library's (glibc or musl on Linux, <c>system</c> elsewhere). A trial's resident-set peak depends
/// on it (glibc keeps much of what a training step frees), so a result names it beside the peak.
/// </summary>
public static class ProcessAllocator
{
    private static readonly Lazy<string> Detected = new(() => OperatingSystem.IsLinux() ? FromMaps(ReadMaps()) : "system");

    /// <summary>This process's allocator (read once).</summary>
    public static string Current => Detected.Value;

    /// <summary>The allocator named by the mapped library paths of <c>/proc/self/maps</c> (<paramref name="maps"/>);
    /// empty text reads as glibc.</summary>
    public static string FromMaps(string maps)
    {
        foreach (var (library, name) in Preloadable)
            if (maps.Contains(library, StringComparison.Ordinal)) return name;
        return maps.Contains("ld-musl", StringComparison.Ordinal) || maps.Contains("libc.musl", StringComparison.Ordinal) ? "musl" : "glibc";
    }

    private static readonly (string Library, string Name)[] Preloadable =
        [("/libjemalloc.so", "jemalloc"), ("/libtcmalloc", "tcmalloc"), ("/libmimalloc.so", "mimalloc")];

    private static string ReadMaps()
    {
        try { return File.ReadAllText("/proc/self/maps"); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
