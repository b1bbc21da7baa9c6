using System.Runtime.InteropServices;

namespace Sweep.Client.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for the console process: the first cancels the command, which then stops cleanly and says
/// what it kept; a second one stops the process at once with exit code <see cref="ImmediateExitCode"/>.
/// </summary>
public sealed class Interrupts : IDisposable
{
    /// <summary>The shells' code for a process ended by an interrupt (128 + SIGINT).</summary>
    public const int ImmediateExitCode = 130;

    private readonly CancellationTokenSource _cts = new();
    private readonly TextWriter _stderr;
    private readonly PosixSignalRegistration[] _registrations;
    private int _count;

    public Interrupts(TextWriter stderr)
    {
        _stderr = stderr;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, On),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, On),
        ];
    }

    public CancellationToken Token => _cts.Token;

    private void On(PosixSignalContext context)
    {
        context.Cancel = true; // the command ends the process, not the runtime's default handler
        var name = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "interrupt";
        if (Interlocked.Increment(ref _count) == 1)
        {
            _stderr.WriteLine($"{name}: cancelling (Ctrl-C or SIGTERM again to stop at once)");
            _cts.Cancel();
            return;
        }
        _stderr.WriteLine($"{name} again: stopping at once (exit {ImmediateExitCode}) without waiting for the cancellation to finish");
        _stderr.Flush();
        ExitNow(ImmediateExitCode);
    }

    /// <summary>Ends the process without running shutdown handlers (hosts would wait for their own orderly stop).</summary>
    private static void ExitNow(int code)
    {
        if (OperatingSystem.IsWindows()) Environment.Exit(code);
        else ExitProcess(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitProcess(int code);

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
