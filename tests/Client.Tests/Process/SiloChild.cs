using System.Diagnostics;
using System.Text;
using Sweep.TestSupport.Components;

namespace Sweep.Client.Tests.Process;

/// <summary>
/// A <c>sweep-silo</c> process built next to the tests (<c>dotnet sweep-silo.dll</c>), configured by environment variables
/// (<c>Sweep__Role</c>, …), its output kept for assertions and failure messages. Dispose ends it (SIGTERM, then a kill).
/// </summary>
public sealed class SiloChild : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _log = new();

    private SiloChild(System.Diagnostics.Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_log) return _log.ToString(); } }

    public static SiloChild Start(string name, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep-silo.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new SiloChild(System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start sweep-silo"), name);
    }

    /// <summary>Sends SIGTERM, as Kubernetes does when it scales a pool down.</summary>
    public void Terminate() => Signals.Terminate(_process);

    /// <summary>The exit code, or null when the process is still running after <paramref name="within"/>.</summary>
    public async Task<int?> ExitCode(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { return null; }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await Signals.StopAsync(_process, TimeSpan.FromSeconds(20));
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) if (_log.Length < 200_000) _log.AppendLine(line);
    }
}
