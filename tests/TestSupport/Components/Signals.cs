using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sweep.TestSupport.Components;

/// <summary>Ends child processes the way an operator would: SIGTERM first, then a kill when it lingers.</summary>
public static class Signals
{
    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Sends SIGTERM (a plain kill on Windows, which has none).</summary>
    public static void Terminate(Process process)
    {
        if (process.HasExited) return;
        if (OperatingSystem.IsWindows()) process.Kill(entireProcessTree: true);
        else Kill(process.Id, SigTerm);
    }

    /// <summary>SIGTERM, a wait of up to <paramref name="grace"/>, then a kill of the whole process tree.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited) return;
        Terminate(process);
        using var waited = new CancellationTokenSource(grace);
        try { await process.WaitForExitAsync(waited.Token); }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* exited meanwhile */ }
            await process.WaitForExitAsync();
        }
    }
}
