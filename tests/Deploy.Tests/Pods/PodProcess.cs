using System.Diagnostics;
using System.Net;
using System.Text;
using Sweep.TestSupport.Components;

namespace Sweep.Deploy.Tests.Pods;

/// <summary>
/// One pod of a Deployment running here as a process (see <see cref="PodNetwork"/> for what is substituted). Its output is
/// kept for failure messages; <see cref="TerminateAsync"/> is what the kubelet does when a pod is deleted: SIGTERM, then
/// a kill once the pod's <c>terminationGracePeriodSeconds</c> have passed. Like the kubelet under a Deployment's
/// <c>restartPolicy: Always</c>, a container that exits by itself is started again in the same pod (same IP and ports)
/// after a back-off of 10 s doubling up to 5 min (CrashLoopBackOff); while it is down the pod is not ready and out of its
/// Services' endpoints.
/// </summary>
public sealed class PodProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);
    private readonly StringBuilder _log = new();
    private readonly PodLaunch _launch;
    private readonly ProcessStartInfo _start;
    private readonly CancellationTokenSource _deleted = new();
    private readonly Task _supervisor;
    private readonly List<Process> _exited = [];
    private readonly Lock _gate = new();
    private Process _process;

    private PodProcess(string name, string ip, PodLaunch launch, IReadOnlyDictionary<string, int> hostPorts, ProcessStartInfo start)
    {
        (Name, Ip, _launch, HostPorts, _start) = (name, ip, launch, hostPorts, start);
        _process = StartContainer();
        Created = DateTimeOffset.UtcNow;
        _supervisor = Task.Run(SuperviseAsync);
    }

    public string Name { get; }
    public string Ip { get; }
    public IReadOnlyDictionary<string, int> HostPorts { get; }
    public DateTimeOffset Created { get; }
    public bool Terminating { get; private set; }
    /// <summary>How often the kubelet started the container again after it exited by itself.</summary>
    public int Restarts { get; private set; }
    /// <summary>How long the pod took to end after SIGTERM (a kill included), once it has.</summary>
    public TimeSpan? TerminatedIn { get; private set; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public int Pid => _process.Id;

    /// <summary>host:port where a named container port of this pod is reached (the pod IP and its host port).</summary>
    public string Endpoint(string portName) => $"{Ip}:{HostPorts[portName]}";

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static PodProcess Start(string name, string ip, PodLaunch launch, PodNetwork network, string podFolder)
    {
        var (start, hostPorts) = network.Place(launch, podFolder);
        return new PodProcess(name, ip, launch, hostPorts, start);
    }

    /// <summary>Whether the readiness probe (its path on its named port) answers 200 now.</summary>
    public async Task<bool> IsReadyAsync()
    {
        if (_launch.Readiness is not { } probe || _process.HasExited) return false;
        var port = HostPorts.TryGetValue(probe.Port, out var p) ? p : int.Parse(probe.Port);
        try
        {
            using var response = await Http.GetAsync($"http://{Ip}:{port}{probe.Path}");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }

    /// <summary>Waits until the pod is ready; fails with its output when it exits first or time runs out.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await IsReadyAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException($"pod {Name} exited with {_process.ExitCode} before it was ready:\n{Log}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"pod {Name} was not ready within {within.TotalSeconds:0} s:\n{Log}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for the process to end on its own; its exit code, or null when it still runs after <paramref name="within"/>.</summary>
    public async Task<int?> WaitExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { return null; }
        return _process.ExitCode;
    }

    /// <summary>Deletes the pod as the kubelet does: SIGTERM, a kill after the grace period. Returns how long it took.</summary>
    public async Task<TimeSpan> TerminateAsync()
    {
        lock (_gate) { Terminating = true; _deleted.Cancel(); }
        var clock = Stopwatch.StartNew();
        await Signals.StopAsync(_process, TimeSpan.FromSeconds(_launch.TerminationGraceSeconds));
        TerminatedIn = clock.Elapsed;
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate) { Terminating = true; _deleted.Cancel(); }
        await _supervisor;
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* exited meanwhile */ }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        foreach (var exited in _exited) exited.Dispose();
        _deleted.Dispose();
    }

    private Process StartContainer()
    {
        var process = Process.Start(_start) ?? throw new InvalidOperationException($"could not start {_start.FileName} for pod {Name}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>restartPolicy Always: a container that exits while the pod is not being deleted starts again after the back-off.</summary>
    private async Task SuperviseAsync()
    {
        var backOff = FirstBackOff;
        while (true)
        {
            try
            {
                await _process.WaitForExitAsync(_deleted.Token);
                Append($"--- container exited with {_process.ExitCode}; restarting in {backOff.TotalSeconds:0} s (CrashLoopBackOff)");
                await Task.Delay(backOff, _deleted.Token);
            }
            catch (OperationCanceledException) { return; }
            lock (_gate)
            {
                if (_deleted.IsCancellationRequested) return;
                _exited.Add(_process);
                _process = StartContainer();
                Restarts++;
            }
            backOff = backOff * 2 < MaxBackOff ? backOff * 2 : MaxBackOff;
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) if (_log.Length < 256_000) _log.AppendLine(line);
    }
}
