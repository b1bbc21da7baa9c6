using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Sweep.Grains.Aggregation;

namespace Sweep.Grains.Telemetry;

/// <summary>Registers the silo's OpenTelemetry metrics (the <c>Sweep</c> and Orleans meters, a Prometheus exporter) and its HTTP endpoints.</summary>
public static class TelemetryServices
{
    /// <summary>The meter Orleans publishes its own instruments on (activations, messaging, membership, …).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Call before adding Orleans: hosted services start in order, so the endpoints answer while the silo joins.</summary>
    public static IServiceCollection AddSweepHttpEndpoints(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(SweepMetrics.MeterName, OrleansMeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)); // every scrape reads the current values
        services.AddHostedService<SweepHttpServer>();
        return services;
    }
}
