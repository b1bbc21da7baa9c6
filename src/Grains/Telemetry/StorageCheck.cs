using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;

namespace Sweep.Grains.Telemetry;

/// <summary>
/// Readiness: the grain storage experiments and trials keep their state in answers a read of a record that does not exist,
/// within 5 s. Whatever the storage (memory, files, a cloud service), this is the same call a grain makes when it activates.
/// </summary>
public sealed class StorageCheck(IServiceProvider silo) : IHealthCheck
{
    public const string Name = "storage";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sweep);
        var probe = GrainId.Create("sweep-readiness", silo.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString());
        try
        {
            await storage.ReadStateAsync("readiness", probe, new GrainState<ReadinessRecord>()).WaitAsync(Timeout, ct);
            return HealthCheckResult.Healthy("grain storage answers");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"grain storage did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"grain storage failed: {e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>The state type of the readiness read: never written, so the read finds nothing; a class, as storage providers create one for a missing record.</summary>
[GenerateSerializer]
public sealed class ReadinessRecord;
