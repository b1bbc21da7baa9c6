using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Sweep.TestSupport.Components;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) for a test: a free loopback port, a generated scrape config for
/// the given targets, its own storage folder; queried through its HTTP API. Dispose stops it (SIGTERM, then a kill) and
/// deletes the folder. Missing binary: <see cref="ComponentMissingException"/> saying how to install it.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>Where Debian installs it; <c>$SWEEP_PROMETHEUS</c> names another binary.</summary>
    public const string DefaultExecutable = "/usr/bin/prometheus";
    public const string Host = "127.0.0.1";

    private readonly TempDirectory _folder = new("prometheus");
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Process? _process;

    private PrometheusServer(int port) => Port = port;

    public int Port { get; }
    public string BaseUrl => $"http://{Host}:{Port}";

    /// <summary>The binary the tests run: <c>$SWEEP_PROMETHEUS</c>, else Debian's.</summary>
    public static string Executable() =>
        Environment.GetEnvironmentVariable("SWEEP_PROMETHEUS") is { Length: > 0 } path ? path : DefaultExecutable;

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (host:port, path /metrics) every <paramref name="scrapeInterval"/>
    /// and waits until it is ready.</summary>
    public static Task<PrometheusServer> StartNewAsync(IEnumerable<string> targets, TimeSpan scrapeInterval)
    {
        var list = targets.ToList();
        return StartNewAsync(ScrapeConfig(list, scrapeInterval));
    }

    /// <summary>Starts Prometheus with a configuration of the caller's (e.g. file-based service discovery whose target file the
    /// test rewrites as processes come and go) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartNewAsync(string configuration)
    {
        var executable = Executable();
        if (!File.Exists(executable))
            throw new ComponentMissingException(
                $"Prometheus is not installed at {executable}: on Debian `apt-get install prometheus` (.ci/run installs it), or set SWEEP_PROMETHEUS to a prometheus binary");
        var server = new PrometheusServer(FreePorts.Take(1)[0]);
        try
        {
            await server.StartAsync(executable, configuration);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The scrape configuration the server runs with (one job, <c>sweep</c>, the given targets).</summary>
    public static string ScrapeConfig(IReadOnlyList<string> targets, TimeSpan interval)
    {
        var seconds = interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var list = string.Join(", ", targets.Select(t => $"'{t}'"));
        return $"""
            global:
              scrape_interval: {seconds}s
              scrape_timeout: {seconds}s
              evaluation_interval: {seconds}s
            scrape_configs:
              - job_name: sweep
                metrics_path: /metrics
                static_configs:
                  - targets: [{list}]
            """;
    }

    private async Task StartAsync(string executable, string configuration)
    {
        var config = Path.Combine(_folder.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, configuration);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(_folder.Path, "data")}",
                $"--web.listen-address={Host}:{Port}",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new ComponentMissingException($"could not start {executable}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new ComponentMissingException($"Prometheus exited with {process.ExitCode} at start; its output: {Output}");
            try
            {
                using var ready = await _http.GetAsync($"{BaseUrl}/-/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(200);
        }
        throw new ComponentMissingException($"Prometheus was not ready on {BaseUrl} within 60 s; its output: {Output}");
    }

    /// <summary>Runs a range query (what a dashboard panel runs); returns the API's <c>data.result</c> array.</summary>
    public Task<JsonElement> QueryRangeAsync(string expr, DateTimeOffset start, DateTimeOffset end, TimeSpan step) =>
        GetDataAsync("/api/v1/query_range", new()
        {
            ["query"] = expr,
            ["start"] = start.ToUnixTimeMilliseconds() / 1000.0,
            ["end"] = end.ToUnixTimeMilliseconds() / 1000.0,
            ["step"] = step.TotalSeconds,
        }, "result");

    /// <summary>Runs an instant query at <paramref name="at"/>; returns <c>data.result</c>.</summary>
    public Task<JsonElement> QueryAsync(string expr, DateTimeOffset at) =>
        GetDataAsync("/api/v1/query", new() { ["query"] = expr, ["time"] = at.ToUnixTimeMilliseconds() / 1000.0 }, "result");

    /// <summary>The values of <paramref name="label"/> on series matching <paramref name="match"/> (Grafana's <c>label_values</c>).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match)
    {
        var data = await GetDataAsync($"/api/v1/label/{label}/values", new() { ["match[]"] = match }, null);
        return data.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>The scrape targets and whether each is up, with the last error.</summary>
    public async Task<IReadOnlyList<(string Url, string Health, string Error)>> TargetsAsync()
    {
        var data = await GetDataAsync("/api/v1/targets", new(), "activeTargets");
        return data.EnumerateArray().Select(t => (t.GetProperty("scrapeUrl").GetString()!, t.GetProperty("health").GetString()!,
            t.GetProperty("lastError").GetString() ?? "")).ToList();
    }

    private async Task<JsonElement> GetDataAsync(string path, Dictionary<string, object> query, string? field)
    {
        var form = string.Join("&", query.Select(q => $"{q.Key}={Uri.EscapeDataString(Convert.ToString(q.Value, CultureInfo.InvariantCulture)!)}"));
        using var response = await _http.GetAsync($"{BaseUrl}{path}?{form}");
        var body = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"Prometheus answered {(int)response.StatusCode} to {path} ({string.Join(", ", query.Values)}): {body}");
        var data = doc.RootElement.GetProperty("data");
        return (field is null ? data : data.GetProperty(field)).Clone();
    }

    /// <summary>What Prometheus printed so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } p)
        {
            await Signals.StopAsync(p, TimeSpan.FromSeconds(10));
            p.Dispose();
            _process = null;
        }
        _http.Dispose();
        _folder.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) if (_log.Length < 64_000) _log.AppendLine(line);
    }
}
