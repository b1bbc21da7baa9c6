using System.Net;
using Sweep.Client.Cluster;
using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.TestSupport.Components;

namespace Sweep.Client.Tests;

/// <summary><c>sweep run --metrics-port N</c>: the embedded silo serves /metrics, /healthz and /readyz on that port while a sweep runs.</summary>
[Category(Category.Cluster)]
public sealed class EmbeddedMetricsTests : IDisposable
{
    private readonly TempDirectory _dir = new("embedded-metrics");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_embedded_silo_serves_metrics_liveness_and_readiness_on_the_given_port()
    {
        var specPath = _dir.Write("s.yaml", """
            name: embedded-metrics
            tasks: [{ name: t, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Q4]
            seeds: [1, 2]
            """);
        var spec = ClusterSpec.Load(specPath);
        var port = FreePorts.Take(1)[0];
        await using var connection = await SweepConnection.StartEmbeddedAsync(Path.Combine(_dir.Path, ".sweep"), simulate: true, null, CancellationToken.None, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        using var live = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await http.GetAsync("/readyz");
        var readiness = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("cluster: Healthy", readiness);
        Assert.Contains("storage: Healthy", readiness);

        var grain = await ClusterSpec.SubmitAsync(connection.Client, specPath, spec);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await grain.GetCounts()).IsFinished && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(100);

        var metrics = await http.GetStringAsync("/metrics");
        var id = ExperimentIds.For(spec);
        Assert.Contains($"sweep_trials{{otel_scope_name=\"Sweep\",accelerator=\"any\",experiment=\"{id}\",state=\"Completed\"}} 4", metrics);
        Assert.Contains("sweep_queued_trials{otel_scope_name=\"Sweep\",accelerator=\"cuda\"} 0", metrics);
        Assert.Contains("sweep_slots{", metrics);
        Assert.Contains("orleans_", metrics);
    }
}
