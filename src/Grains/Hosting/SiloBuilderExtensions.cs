using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Orleans.Storage;
using Sweep.Grains.Aggregation;
using Sweep.Grains.AzureStorage;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Experiments;
using Sweep.Grains.Placement;
using Sweep.Grains.Telemetry;
using Sweep.Grains.Trials;
using Sweep.Grains.Trials.Processes;

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
        silo.AddDashboard(); // Orleans' own dashboard: its grains and counters, shown by a web dashboard client under /orleans

        s.AddGrainStorage<IGrainStorage>(StorageNames.Sweep, (sp, name) => Settings(sp) switch
        {
            { Storage: GrainStorageKind.File } o => new FileGrainStorage(Path.Combine(o.DataPath, "state"), sp.GetRequiredService<Serializer>()),
            { Storage: GrainStorageKind.Azure } => AzureSiloStorage.GrainStorage(sp, name),
            _ => MemoryGrainStorageFactory.Create(sp, name),
        });
        AzureSiloStorage.ConfigureGrainStorage(s, StorageNames.Sweep);
        // Azure blob storage creates its container when the silo starts; registered by type, it would join the lifecycle by itself
        s.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => AzureSiloStorage.LifecycleOf(sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sweep)));
        // memory storage: Orleans' binary format instead of the default JSON, whose writes were the largest cost in the orchestration benchmark's profile
        s.AddOptions<MemoryGrainStorageOptions>(StorageNames.Sweep)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));

        s.AddSingleton(sp =>
        {
            var metrics = new SweepMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>());
            metrics.AttachSilo(new SiloReadings(sp));
            return metrics;
        });
        s.AddSingleton<RunningTrials>();
        s.AddSingleton<IWorkerDirectory, WorkerDirectory>();
        s.AddSingleton<IStudyAnalysis, StudyAnalysis>();
        s.AddSingleton(sp => new ExperimentTiming(Settings(sp).PumpInterval, Settings(sp).StateSaveInterval));
        s.AddSingleton<IArtifactStore>(sp => Settings(sp) is { Storage: GrainStorageKind.Azure } o
            ? AzureSiloStorage.ArtifactStore(o)
            : new LocalDirectoryArtifactStore(Path.Combine(Settings(sp).DataPath, "artifacts")));
        s.AddSingleton<ITrialExecutor>(sp => Settings(sp) switch
        {
            { Executor: TrialExecutorKind.Simulated } o => new SimulatedTrialExecutor(new SimulationOptions(o.SimulatedSteps, o.SimulatedStep.TotalMilliseconds, o.SimulatedSpin)),
            { TrialProcesses: true } o => new TrialProcessExecutor(new TrialProcessOptions(
                TrialChildCommand.ForThisProcess(), o.TrialHangTimeout, Path.Combine(o.DataPath, "trial-processes"),
                Allocator: TrialAllocator.Chosen(o.TrialAllocator, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TrialProcessExecutor>>()))),
            _ => new TrainingTrialExecutor(),
        });
        s.AddSingleton(sp =>
        {
            var hardware = sp.GetRequiredService<SiloHardware>();
            return new SlotWorkers(hardware.Slots, hardware.MemoryBudget); // a singleton: its threads stop with the silo
        });
        s.AddSingleton(sp => new SiloDrain(Settings(sp).DrainGrace, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SiloDrain>>()));
        s.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DrainOnStop>();
        s.AddSingleton(sp =>
        {
            var o = Settings(sp);
            return new TrialHost(sp.GetRequiredService<ITrialExecutor>(), sp.GetRequiredService<IArtifactStore>(), sp.GetRequiredService<SlotWorkers>(),
                o.RetryBase, o.RetryMax, sp.GetRequiredService<SiloHardware>().Accelerator, SiloName(sp), o.ProgressInterval)
            {
                Metrics = sp.GetRequiredService<SweepMetrics>(),
                Running = sp.GetRequiredService<RunningTrials>(),
                Drain = sp.GetRequiredService<SiloDrain>(),
                BaseCacheDirectory = Path.Combine(o.DataPath, "bases"),
            };
        });
        return silo;
    }

    /// <summary>Clustering from the options: localhost (the primary, no <see cref="SweepSiloOptions.Primary"/>, and silos that
    /// join it) or the Azure Table membership table. The kind is chosen when the silo is built, the rest read when it starts.</summary>
    public static ISiloBuilder UseSweepClustering(this ISiloBuilder silo, ClusteringKind kind = ClusteringKind.Localhost)
    {
        if (kind == ClusteringKind.Azure)
            silo.UseAzureStorageClustering(b => b.Configure<IOptions<SweepSiloOptions>>((m, options) =>
            {
                var account = AzureSiloStorage.Account(options.Value);
                m.TableName = options.Value.Azure.ClusterTable;
                m.TableServiceClient = account.Tables();
            }));
        else
            silo.UseDevelopmentClustering(b => b.Configure<IOptions<SweepSiloOptions>>((m, options) =>
            {
                var o = options.Value;
                m.PrimarySiloEndpoint = string.IsNullOrEmpty(o.Primary)
                    ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, o.SiloPort)
                    : SweepSiloOptionsValidator.ParseEndpoint(o.Primary);
            }));
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<SweepSiloOptions>>((e, options) =>
        {
            var o = options.Value;
            e.SiloPort = o.SiloPort;
            e.GatewayPort = o.GatewayPort;
            if (kind == ClusteringKind.Localhost && string.IsNullOrWhiteSpace(o.AdvertisedAddress))
            {
                e.AdvertisedIPAddress = System.Net.IPAddress.Loopback; // one machine, as before
                return;
            }
            // across machines: listen on every interface, advertise the routable address
            e.AdvertisedIPAddress = AdvertisedAddresses.Resolve(o.AdvertisedAddress);
            e.SiloListeningEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Any, o.SiloPort);
            e.GatewayListeningEndpoint = o.GatewayPort > 0 ? new System.Net.IPEndPoint(System.Net.IPAddress.Any, o.GatewayPort) : null;
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
