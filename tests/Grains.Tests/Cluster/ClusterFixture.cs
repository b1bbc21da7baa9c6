using Orleans.Configuration;
using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Trials;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// One in-process cluster for all cluster tests: three silos with different hardware metadata
/// (Silo_0: cpu × 2 slots, Silo_1: cuda × 1 slot 16 GiB, Silo_2: mps × 2 slots 8 GiB), simulated
/// executors sharing one <see cref="SimulationLog"/>, file storage in a temp directory (state survives a killed silo).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly SimulationLog Log = new();
    public string DataPath { get; } = Directory.CreateTempSubdirectory("sweep-cluster-").FullName;
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    /// <summary>Metadata of silos started later (to replace a killed one).</summary>
    public static (string Accelerator, int Slots, string Memory) Replacement { get; set; } = ("cpu", 2, "8GiB");

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
            var (accel, slots, memory) = ProfileOf(o.SiloName);
            silo.AddSweepSilo(new SweepSiloOptions
            {
                Accelerator = accel, Slots = slots, DeviceMemory = memory, Storage = "file", DataPath = data,
                Executor = "simulated", SimulatedStepMilliseconds = 2, SimulatedSteps = 10,
                RetryBaseSeconds = 0.05, RetryMaxSeconds = 0.2, PumpIntervalSeconds = 0.2, ProgressIntervalSeconds = 0.2,
            }, Log);
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
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
    }

    public string SiloAddressOf(string name) => Cluster.Silos.FirstOrDefault(s => s.Name == name)?.SiloAddress.ToParsableString()
        ?? throw new InvalidOperationException($"no silo {name}: {string.Join(", ", Cluster.Silos.Select(s => s.Name))}");
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
