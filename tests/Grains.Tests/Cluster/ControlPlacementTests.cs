using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// A cluster of one control silo and one worker silo: the grains that run a sweep (experiment, aggregation, registry)
/// live on the control silo, trials only on the worker.
/// </summary>
[Category(Category.Cluster)]
public sealed class ControlPlacementTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("control");
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var data = _data.Path;
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((s, silo) => silo.AddSweepSilo(o =>
        {
            o.Role = s.SiloName == "Silo_0" ? SiloRole.Worker : SiloRole.Control; // the primary is the worker: placement must not just stay local
            o.Accelerator = AcceleratorChoice.Cpu;
            o.Slots = 2;
            o.DeviceMemory = "8GiB";
            o.Executor = TrialExecutorKind.Simulated;
            o.SimulatedStep = TimeSpan.FromMilliseconds(1);
            o.DataPath = data;
            o.PumpInterval = TimeSpan.FromMilliseconds(200);
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Experiments_aggregation_and_registry_live_on_the_control_silo_and_trials_on_the_worker()
    {
        var control = _cluster.Silos.Single(s => s.Name != "Silo_0").SiloAddress.ToParsableString();
        var worker = _cluster.Silos.Single(s => s.Name == "Silo_0").SiloAddress.ToParsableString();
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        for (var i = 0; i < 6; i++) // six experiments: a random placement would put some on the worker
        {
            var (grain, _) = await Specs.Submit(_cluster.Client, Specs.Make($"control-{i}", seeds: 2, ["B-FP"], steps: 3, concurrency: 2));
            await Specs.Finished(grain);
            var results = await grain.GetResults();

            Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
            Assert.All(results.Trials, t => Assert.Equal(worker, t.Silo));
            Assert.Equal(control, (await management.GetActivationAddress(grain))?.ToParsableString());
            var aggregation = _cluster.Client.GetGrain<IAggregationGrain>(grain.GetPrimaryKeyString());
            await Eventually.Until(aggregation.Count, n => n == 2, TimeSpan.FromSeconds(10), "both results in aggregation");
            Assert.Equal(control, (await management.GetActivationAddress(aggregation))?.ToParsableString());
        }
        Assert.Equal(control, (await management.GetActivationAddress(_cluster.Client.GetGrain<IExperimentRegistryGrain>(0)))?.ToParsableString());
    }
}
