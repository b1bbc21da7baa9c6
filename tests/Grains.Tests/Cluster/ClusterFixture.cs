using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Trials;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// One in-process cluster for all cluster tests: three silos with different hardware metadata
/// (Silo_0: cpu × 2 slots, Silo_1: cuda × 1 slot 16 GiB, Silo_2: mps × 2 slots 8 GiB), simulated
/// executors recording into one <see cref="SimulationLog"/> (model <c>sim</c>; any other model trains for real, see <see cref="RoutingExecutor"/>), file storage in a temp directory (state survives a killed silo).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly SimulationLog Log = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Accelerator, int Slots, string Memory)> Started = new();
    private readonly TempDirectory _data = new("cluster");
    public string DataPath => _data.Path;
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    /// <summary>Metadata of silos started later (to replace a killed one).</summary>
    public static (string Accelerator, int Slots, string Memory) Replacement { get; set; } = ("cpu", 2, "8GiB");

    /// <summary>The drain grace of silos started later (the first three keep the default).</summary>
    public static TimeSpan LaterDrainGrace { get; set; } = new SweepSiloOptions().DrainGrace;

    public static (string Accelerator, int Slots, string Memory) ProfileOf(string siloName) => siloName switch
    {
        "Silo_0" => ("cpu", 2, "8GiB"),
        "Silo_1" => ("cuda", 1, "16GiB"),
        "Silo_2" => ("mps", 2, "8GiB"),
        _ => Replacement,
    };

    public async Task InitializeAsync()
    {
        var data = DataPath;
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((o, silo) =>
        {
            var (accel, slots, memory) = Started[o.SiloName] = ProfileOf(o.SiloName);
            var drainGrace = o.SiloName is "Silo_0" or "Silo_1" or "Silo_2" ? new SweepSiloOptions().DrainGrace : LaterDrainGrace;
            silo.AddSweepSilo(o =>
            {
                o.Accelerator = Enum.Parse<AcceleratorChoice>(accel, ignoreCase: true);
                o.Slots = slots;
                o.DeviceMemory = memory;
                o.Storage = GrainStorageKind.File;
                o.DataPath = data;
                o.Executor = TrialExecutorKind.Simulated;
                o.SimulatedStep = TimeSpan.FromMilliseconds(2);
                o.SimulatedSteps = 10;
                o.RetryBase = TimeSpan.FromMilliseconds(50);
                o.RetryMax = TimeSpan.FromMilliseconds(200);
                o.PumpInterval = o.ProgressInterval = TimeSpan.FromMilliseconds(200);
                o.DrainGrace = drainGrace;
            });
            silo.Services.AddSingleton<ITrialExecutor>(sp =>
            {
                var name = sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
                return new RoutingExecutor(new SimulatedTrialExecutor(new SimulationOptions(10, 2)), name, Log);
            });
            silo.Configure<ClusterMembershipOptions>(m =>
            {
                m.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                m.NumMissedProbesLimit = 2;
                m.NumVotesForDeathDeclaration = 1;
                m.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>The live silo with this accelerator (tests that kill a silo start a replacement with the same hardware).</summary>
    public (string Address, int Slots) SiloWith(string accelerator)
    {
        var silo = Cluster.Silos.FirstOrDefault(s => Started[s.Name].Accelerator == accelerator)
            ?? throw new InvalidOperationException($"no live {accelerator} silo: {string.Join(", ", Cluster.Silos.Select(s => s.Name))}");
        return (silo.SiloAddress.ToParsableString(), Started[silo.Name].Slots);
    }

    /// <summary>Stops a silo as SIGTERM does (gracefully: it drains first) and starts a replacement with the same hardware.</summary>
    public async Task StopAndReplace(string siloAddress, Func<Task> whileDown)
    {
        var handle = Cluster.Silos.First(s => s.SiloAddress.ToParsableString() == siloAddress);
        Replacement = Started[handle.Name];
        await Cluster.StopSiloAsync(handle);
        try { await whileDown(); }
        finally { await Cluster.StartAdditionalSiloAsync(); }
    }

    /// <summary>Kills a silo abruptly and starts a replacement with the same hardware, so that later tests find a full cluster.</summary>
    public async Task KillAndReplace(string siloAddress, Func<Task> whileDown)
    {
        var handle = Cluster.Silos.First(s => s.SiloAddress.ToParsableString() == siloAddress);
        Replacement = Started[handle.Name];
        await Cluster.KillSiloAsync(handle);
        try { await whileDown(); }
        finally { await Cluster.StartAdditionalSiloAsync(); }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
