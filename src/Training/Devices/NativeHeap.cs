using System.Runtime.InteropServices;

namespace Sweep.Training.Devices;

/// <summary>
/// Returns freed native memory to the OS after a trial. libtorch frees tensors into glibc's malloc, which keeps the
/// pages in per-thread arenas; a silo that runs each trial on a new thread otherwise grows its resident set trial
/// after trial although nothing is live (measured: ≈1 GB per MiniLM trial on the quickstart).
/// </summary>
public static class NativeHeap
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>Releases free heap memory back to the OS (glibc only; a no-op elsewhere).</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other libcs have no malloc_trim: nothing to do.
        }
    }
}
