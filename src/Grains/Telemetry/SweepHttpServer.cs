using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Hosting;

namespace Sweep.Grains.Telemetry;

/// <summary>
/// The silo's HTTP endpoints on <see cref="SweepSiloOptions.HttpPort"/> (every address; none when the port is 0), served by
/// an ASP.NET Core (Kestrel) application that lives as long as the silo host:
/// <c>/metrics</c> (Prometheus text from the host's OpenTelemetry meter provider: the <c>Sweep</c> and <c>Microsoft.Orleans</c> meters),
/// <c>/healthz</c> (liveness: the process answers; nothing else is checked, so a slow cluster never gets a silo restarted) and
/// <c>/readyz</c> (the silo is an active cluster member and its grain storage answers a read). Started before the silo, so
/// liveness answers while the silo joins and readiness tells when it has.
/// </summary>
public sealed class SweepHttpServer(IServiceProvider silo, IOptions<SweepSiloOptions> options) : IHostedService, IAsyncDisposable
{
    public const string MetricsPath = "/metrics";
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    private const string ReadyTag = "ready";

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken ct)
    {
        var port = options.Value.HttpPort;
        if (port == 0) return;
        // The instruments exist once the metrics do: create them now, so that a silo no grain has used yet publishes its gauges.
        silo.GetService<SweepMetrics>()?.StartWorkerCounters();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenAnyIP(port));
        builder.Services.AddRoutingCore();
        builder.Services.AddHealthChecks()
            .AddCheck(ClusterMembershipCheck.Name, new ClusterMembershipCheck(silo), tags: [ReadyTag])
            .AddCheck(StorageCheck.Name, new StorageCheck(silo), tags: [ReadyTag]);
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint(MetricsPath, silo.GetRequiredService<MeterProvider>(), null, null);
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthText.Write });
        try
        {
            await app.StartAsync(ct);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException) // Kestrel's "address already in use"
        {
            await app.DisposeAsync();
            throw new HttpPortUnavailableException(port, e);
        }
        _app = app;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_app is { } app) await app.StopAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app) await app.DisposeAsync();
        _app = null;
    }
}
