using System.Diagnostics;
using System.Net;
using System.Text;
using Sweep.TestSupport.Components;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>
/// A sweep-silo process (built next to the tests) configured by environment variables, with its output kept for failure
/// messages. Dispose stops it as an operator would (SIGTERM, then a kill).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, string name, int httpPort)
    {
        _process = process;
        Name = name;
        HttpPort = httpPort;
    }

    public string Name { get; }
    public int HttpPort { get; }
    public string HttpTarget => $"127.0.0.1:{HttpPort}";

    public static SiloProcess Start(string name, int httpPort, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep-silo.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment[$"Sweep__{key}"] = value;
        start.Environment["Sweep__HttpPort"] = httpPort.ToString();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start sweep-silo");
        var silo = new SiloProcess(process, name, httpPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>GET a path of the silo's HTTP endpoints: the status and body, or null when nothing answers yet.</summary>
    public async Task<(HttpStatusCode Status, string Body)?> GetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync($"http://{HttpTarget}{path}");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; } // not listening yet, or too busy to answer within the client's timeout
    }

    /// <summary>Waits until <c>/readyz</c> answers 200 (the silo joined and its storage answers).</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        (HttpStatusCode Status, string Body)? last = null;
        while (clock.Elapsed < within)
        {
            if (_process.HasExited) throw new InvalidOperationException($"silo {Name} exited with {_process.ExitCode}: {Output}");
            last = await GetAsync(http, "/readyz");
            if (last is { Status: HttpStatusCode.OK }) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"silo {Name} was not ready within {within.TotalSeconds:0} s (last /readyz: {last?.Status} {last?.Body}); its output: {Output}");
    }

    public string Output
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        await Signals.StopAsync(_process, TimeSpan.FromSeconds(15));
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) if (_log.Length < 64_000) _log.AppendLine(line);
    }
}
