using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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

namespace Sweep.Grains.Hosting;

/// <summary>
/// Wiring of a Sweep silo: metadata, placement, storage, executors, metrics, all read from <see cref="IOptions{SweepSiloOptions}"/>
/// when the silo starts (validated then: a bad setting stops it with <see cref="OptionsValidationException"/>). The caller
/// provides the options: bound from configuration (<see cref="SweepHost"/>) or set in code (tests, benchmarks, the console's
/// embedded silo). The <see cref="ITrialExecutor"/> is a service: a later registration replaces the one chosen by the options.
/// </summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds everything but clustering, with options set in code (tests, benchmarks).</summary>
    public static ISiloBuilder AddSweepSilo(this ISiloBuilder silo, Action<SweepSiloOptions> configure)
    {
        silo.Services.Configure(configure);
        return silo.AddSweepSilo();
    }

    /// <summary>Adds everything but clustering.</summary>
    public static ISiloBuilder AddSweepSilo(this ISiloBuilder silo)
    {
        var s = silo.Services;
        s.AddOptions<SweepSiloOptions>().ValidateOnStart();
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SweepSiloOptions>, SweepSiloOptionsValidator>());
        s.AddSingleton(sp => SiloHardware.Of(Settings(sp)));

        // The metadata is the hardware, known once the options are read. Orleans copies the dictionary given to UseSiloMetadata
        // when its options are built; this earlier configuration step fills it first.
        var metadata = new Dictionary<string, string>();
        s.AddOptions<SiloMetadata>().Configure<SiloHardware>((_, hardware) =>
        {
            foreach (var (key, value) in hardware.ToMetadata()) metadata[key] = value;
        });
        silo.UseSiloMetadata(metadata);
        silo.AddPlacementDirector<WorkerPlacementStrategy, WorkerPlacementDirector>();
        silo.AddPlacementDirector<ControlPlacementStrategy, ControlPlacementDirector>();

        s.AddGrainStorage<IGrainStorage>(StorageNames.Sweep, (sp, name) => Settings(sp) is { Storage: GrainStorageKind.File } o
            ? new FileGrainStorage(Path.Combine(o.DataPath, "state"), sp.GetRequiredService<Serializer>())
            : MemoryGrainStorageFactory.Create(sp, name));
        // memory storage: Orleans' binary format instead of the default JSON, whose writes were the largest cost in the orchestration benchmark's profile
        s.AddOptions<MemoryGrainStorageOptions>(StorageNames.Sweep)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));

        s.AddSingleton<SweepMetrics>();
        s.AddSingleton<IWorkerDirectory, WorkerDirectory>();
        s.AddSingleton<IStudyAnalysis, StudyAnalysis>();
        s.AddSingleton(sp => new ExperimentTiming(Settings(sp).PumpInterval, Settings(sp).StateSaveInterval));
        s.AddSingleton<IArtifactStore>(sp => new LocalDirectoryArtifactStore(Path.Combine(Settings(sp).DataPath, "artifacts")));
        s.AddSingleton<ITrialExecutor>(sp => Settings(sp) is { Executor: TrialExecutorKind.Simulated } o
            ? new SimulatedTrialExecutor(new SimulationOptions(o.SimulatedSteps, o.SimulatedStep.TotalMilliseconds, o.SimulatedSpin))
            : new TrainingTrialExecutor());
        s.AddSingleton(sp => new SlotWorkers(sp.GetRequiredService<SiloHardware>().Slots)); // a singleton: its threads stop with the silo
        s.AddSingleton(sp =>
        {
            var o = Settings(sp);
            return new TrialHost(sp.GetRequiredService<ITrialExecutor>(), sp.GetRequiredService<IArtifactStore>(), sp.GetRequiredService<SlotWorkers>(),
                o.RetryBase, o.RetryMax, sp.GetRequiredService<SiloHardware>().Accelerator, SiloName(sp), o.ProgressInterval)
            { BaseCacheDirectory = Path.Combine(o.DataPath, "bases") };
        });
        return silo;
    }

    /// <summary>Localhost clustering from the options: the primary (no <see cref="SweepSiloOptions.Primary"/>) and silos that join it.</summary>
    public static ISiloBuilder UseSweepClustering(this ISiloBuilder silo)
    {
        silo.UseDevelopmentClustering(b => b.Configure<IOptions<SweepSiloOptions>>((m, options) =>
        {
            var o = options.Value;
            m.PrimarySiloEndpoint = string.IsNullOrEmpty(o.Primary)
                ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, o.SiloPort)
                : SweepSiloOptionsValidator.ParseEndpoint(o.Primary);
        }));
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<SweepSiloOptions>>((e, options) =>
        {
            e.AdvertisedIPAddress = System.Net.IPAddress.Loopback;
            e.SiloPort = options.Value.SiloPort;
            e.GatewayPort = options.Value.GatewayPort;
        });
        silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<SweepSiloOptions>>((c, options) =>
        {
            c.ClusterId = options.Value.ClusterId;
            c.ServiceId = options.Value.ServiceId;
        });
        return silo;
    }

    private static SweepSiloOptions Settings(IServiceProvider sp) => sp.GetRequiredService<IOptions<SweepSiloOptions>>().Value;

    private static string SiloName(IServiceProvider sp) => sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
}
