using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Experiments;
using Sweep.Grains.Interfaces.Spec;
using Sweep.Grains.Placement;
using Sweep.Grains.Trials;

namespace Sweep.Grains.Hosting;

/// <summary>Wiring of a Sweep silo: metadata, placement, storage, executors, metrics. Used by the silo host, the embedded console silo and tests.</summary>
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
        silo.UseSiloMetadata(WorkerMetadata.ToMetadata(accelerator, memory, slots));
        silo.AddPlacementDirector<WorkerPlacementStrategy, WorkerPlacementDirector>();

        if (options.Storage == "file")
        {
            var root = Path.Combine(options.DataPath, "state");
            silo.Services.AddGrainStorage(StorageNames.Sweep, (sp, _) => new FileGrainStorage(root, sp.GetRequiredService<Serializer>()));
        }
        else silo.AddMemoryGrainStorage(StorageNames.Sweep);

        var s = silo.Services;
        s.AddSingleton(options);
        s.AddSingleton<SweepMetrics>();
        s.AddSingleton<IWorkerDirectory, WorkerDirectory>();
        s.AddSingleton<IStudyAnalysis, StudyAnalysis>();
        s.AddSingleton(new ExperimentTiming(TimeSpan.FromSeconds(options.PumpIntervalSeconds)));
        s.AddSingleton<IArtifactStore>(new LocalDirectoryArtifactStore(Path.Combine(options.DataPath, "artifacts")));
        s.AddSingleton(sp =>
        {
            var name = sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
            ITrialExecutor executor = options.Executor == "simulated"
                ? new SimulatedTrialExecutor(new SimulationOptions(options.SimulatedSteps, options.SimulatedStepMilliseconds, options.SimulatedSpin), log, name)
                : new TrainingTrialExecutor();
            return new TrialHost(executor, sp.GetRequiredService<IArtifactStore>(), new SiloSlotGate(slots, log, name),
                TimeSpan.FromSeconds(options.RetryBaseSeconds), TimeSpan.FromSeconds(options.RetryMaxSeconds),
                accelerator, name, TimeSpan.FromSeconds(options.ProgressIntervalSeconds));
        });
        return silo;
    }

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
