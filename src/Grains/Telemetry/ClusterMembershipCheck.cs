using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sweep.Grains.Telemetry;

/// <summary>Readiness: this silo is an active member of the cluster (it joined and nobody declared it dead).</summary>
public sealed class ClusterMembershipCheck(IServiceProvider silo) : IHealthCheck
{
    public const string Name = "cluster";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var self = silo.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var status = silo.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(self);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{self} is active")
            : HealthCheckResult.Unhealthy($"{self} is {status.ToString().ToLowerInvariant()}, not an active member yet"));
    }
}
