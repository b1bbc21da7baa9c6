using System.Globalization;
using System.Text.Json;
using Sweep.Deploy.Tests.Pods;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests.Keda;

/// <summary>
/// The Prometheus scrape the manifests imply, as prometheus-operator generates it from the ServiceMonitor: the endpoints of
/// the Service it selects, on the named port and path, at its interval and timeout, each sample labelled with the target's
/// <c>namespace</c>, <c>service</c>, <c>pod</c>, <c>container</c>, <c>endpoint</c> and <c>job</c> (the Service's name).
/// Kubernetes service discovery is stood in for by a target file that <see cref="WriteTargets"/> rewrites as pods come
/// and go (Prometheus watches it).
/// </summary>
public sealed class MetricsScrape(Manifest serviceMonitor, Manifest service, string targetFile)
{
    public string ServiceName => service.Name;
    public string PortName => (string)Endpoint["port"]!;
    public TimeSpan Interval => Duration((string?)Endpoint["interval"] ?? "30s");
    public TimeSpan Timeout => Duration((string?)Endpoint["scrapeTimeout"] ?? "10s");
    private System.Text.Json.Nodes.JsonNode Endpoint => serviceMonitor.Body["spec"]!["endpoints"]!.AsArray().Single()!;
    private string _written = "";

    /// <summary>The ServiceMonitor of the rendered objects and the one Service its selector matches.</summary>
    public static MetricsScrape Of(IReadOnlyList<Manifest> objects, string targetFile)
    {
        var monitor = objects.Single(m => m.Kind == "ServiceMonitor");
        var selector = monitor.Body["spec"]!["selector"]!["matchLabels"]!.AsObject();
        var service = objects.Single(m => m.Kind == "Service" && selector.All(s => (string?)m.Body["metadata"]?["labels"]?[s.Key] == (string?)s.Value));
        return new MetricsScrape(monitor, service, targetFile);
    }

    /// <summary>The Prometheus configuration, with the interval multiplied by <paramref name="timeScale"/>. The timeout is the
    /// scaled interval (the most Prometheus allows), not the scaled timeout: a scrape budget of 170 ms is a network's, not a
    /// loaded 2-core machine's.</summary>
    public string Configuration(double timeScale) => $"""
        global:
          scrape_interval: {Ms(Interval * timeScale)}
          scrape_timeout: {Ms(Interval * timeScale)}
          evaluation_interval: {Ms(Interval * timeScale)}
        scrape_configs:
          - job_name: serviceMonitor/{serviceMonitor.Namespace}/{serviceMonitor.Name}/0
            metrics_path: {(string?)Endpoint["path"] ?? "/metrics"}
            file_sd_configs:
              - files: ['{targetFile}']
                refresh_interval: 1s
        """;

    /// <summary>Rewrites the target file when the Service's endpoints changed.</summary>
    public void WriteTargets(LocalCluster cluster)
    {
        var groups = cluster.Endpoints(ServiceName, PortName).Select(e => new
        {
            targets = new[] { e.Endpoint },
            labels = new Dictionary<string, string>
            {
                ["namespace"] = cluster.Namespace, ["service"] = ServiceName, ["pod"] = e.Pod.Name,
                ["container"] = "silo", ["endpoint"] = PortName, ["job"] = ServiceName,
            },
        });
        var json = JsonSerializer.Serialize(groups);
        if (json == _written) return;
        File.WriteAllText(targetFile + ".new", json);
        File.Move(targetFile + ".new", targetFile, overwrite: true);
        _written = json;
    }

    private static string Ms(TimeSpan t) => $"{Math.Max(1, (long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";

    private static TimeSpan Duration(string text) => text[^1] switch
    {
        's' when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture)),
        's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"ServiceMonitor duration {text} is not emulated"),
    };
}
