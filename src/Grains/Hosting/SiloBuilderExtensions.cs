using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Orleans.Storage;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Experiments;
using Sweep.Grains.Placement;
using Sweep.Grains.Trials;
using Sweep.Grains.Interfaces;
using Sweep.Spec;

namespace Sweep.Grains.Hosting;

/// <summary>
/// Wiring of a Sweep silo: metadata, placement, storage, executors, metrics. Used by the silo host, the embedded console
/// silo and tests. The <see cref="ITrialExecutor"/> is a service: a later registration replaces the one chosen by the options.
/// </summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds everything but clustering. <paramref name="log"/> is shared by silos of one process in tests and benchmarks.</summary>
    public static ISiloBuilder AddSweepSilo(this ISiloBuilder silo, SweepSiloOptions options, SimulationLog? log = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid silo options:\n  " + string.Join("\n  ", errors));

        var accelerator = options.Role == SiloRole.Control ? "none"
            : options.Accelerator == "auto" ? AcceleratorProbe.Detect() : options.Accelerator;
        var memory = string.IsNullOrEmpty(options.DeviceMemory) ? AcceleratorProbe.DeviceMemory(accelerator) : ByteSize.TryParse(options.DeviceMemory)!.Value;
        var slots = options.Role == SiloRole.Control ? 0 : options.Slots ?? AcceleratorProbe.DefaultSlots(accelerator);
        silo.UseSiloMetadata(WorkerMetadata.ToMetadata(accelerator, memory, slots, options.Role.ToString().ToLowerInvariant()));
        silo.AddPlacementDirector<WorkerPlacementStrategy, WorkerPlacementDirector>();
        silo.AddPlacementDirector<ControlPlacementStrategy, ControlPlacementDirector>();

        if (options.Storage == "file")
        {
            var root = Path.Combine(options.DataPath, "state");
            silo.Services.AddGrainStorage(StorageNames.Sweep, (sp, _) => new FileGrainStorage(root, sp.GetRequiredService<Serializer>()));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.Sweep);
            // Orleans' binary format instead of the default JSON, whose writes were the largest cost in the orchestration benchmark's profile
            silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Sweep)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }

        var s = silo.Services;
        s.AddSingleton(options);
        s.AddSingleton<SweepMetrics>();
        s.AddSingleton<IWorkerDirectory, WorkerDirectory>();
        s.AddSingleton<IStudyAnalysis, StudyAnalysis>();
        s.AddSingleton(new ExperimentTiming(TimeSpan.FromSeconds(options.PumpIntervalSeconds), TimeSpan.FromSeconds(options.StateSaveSeconds)));
        s.AddSingleton<IArtifactStore>(new LocalDirectoryArtifactStore(Path.Combine(options.DataPath, "artifacts")));
        s.AddSingleton<ITrialExecutor>(sp => options.Executor == "simulated"
            ? new SimulatedTrialExecutor(new SimulationOptions(options.SimulatedSteps, options.SimulatedStepMilliseconds, options.SimulatedSpin), log, SiloName(sp))
            : new TrainingTrialExecutor());
        s.AddSingleton(sp => new SlotWorkers(slots, log, SiloName(sp))); // a singleton: its threads stop with the silo
        s.AddSingleton(sp =>
        {
            var name = SiloName(sp);
            return new TrialHost(sp.GetRequiredService<ITrialExecutor>(), sp.GetRequiredService<IArtifactStore>(), sp.GetRequiredService<SlotWorkers>(),
                TimeSpan.FromSeconds(options.RetryBaseSeconds), TimeSpan.FromSeconds(options.RetryMaxSeconds),
                accelerator, name, TimeSpan.FromSeconds(options.ProgressIntervalSeconds));
        });
        return silo;
    }

    private static string SiloName(IServiceProvider sp) => sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <summary>Localhost clustering: the primary (no <see cref="SweepSiloOptions.Primary"/>) and silos that join it.</summary>
    public static ISiloBuilder UseSweepClustering(this ISiloBuilder silo, SweepSiloOptions options)
    {
        var primary = string.IsNullOrEmpty(options.Primary)
            ? new IPEndPoint(IPAddress.Loopback, options.SiloPort)
            : IPEndPoint.Parse(options.Primary.Replace("localhost", "127.0.0.1"));
        silo.UseDevelopmentClustering(primary);
        silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort);
        silo.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        return silo;
    }
}
