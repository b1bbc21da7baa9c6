using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Sweep.Client.Tests.Process;

/// <summary>
/// The built <c>sweep</c> console as a real child process (<c>dotnet sweep.dll ...</c> from the test output), for what
/// only a process shows: signals, exit codes set by the runtime, time to give up. Output is collected as it comes.
/// </summary>
public sealed class ConsoleProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private ConsoleProcess(System.Diagnostics.Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_err) _err.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static ConsoleProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sweep.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("SWEEP_DEBUG");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return new ConsoleProcess(System.Diagnostics.Process.Start(info)!);
    }

    public string Out { get { lock (_out) return _out.ToString(); } }
    public string Err { get { lock (_err) return _err.ToString(); } }

    /// <summary>Waits until standard output contains <paramref name="text"/>; false if the process ended or time ran out first.</summary>
    public Task<bool> WaitForOutput(string text, TimeSpan within) => WaitFor(() => Out, text, within);

    /// <summary>Waits until standard error contains <paramref name="text"/>; false if the process ended or time ran out first.</summary>
    public Task<bool> WaitForError(string text, TimeSpan within) => WaitFor(() => Err, text, within);

    private async Task<bool> WaitFor(Func<string> stream, string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (stream().Contains(text, StringComparison.Ordinal)) return true;
            await Task.Delay(50);
        }
        return stream().Contains(text, StringComparison.Ordinal);
    }

    /// <summary>Sends a POSIX signal (SIGTERM = 15, SIGINT = 2) to the process, as <c>kill -SIG pid</c> does.</summary>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public const int SigInt = 2, SigTerm = 15;

    /// <summary>The exit code, once the process has ended (and its output has been read to the end).</summary>
    public async Task<int> Exit(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
