using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class PlacementClusterTests(ClusterFixture fx)
{
    [Fact]
    public async Task Trials_needing_cuda_land_only_on_the_cuda_silo()
    {
        var (grain, _) = await Specs.Submit(fx.Client, Specs.Make("needs-cuda", seeds: 3, ["B-FP", "B-Q4"], steps: 5, accelerator: "cuda"));
        var status = await Specs.Finished(grain);
        var results = await grain.GetResults();

        Assert.Equal(ExperimentState.Completed, status.State);
        Assert.Equal(6, results.Trials.Count);
        var cuda = fx.SiloWith("cuda").Address;
        Assert.All(results.Trials, t => Assert.Equal(cuda, t.Silo));
        Assert.All(results.Trials, t => Assert.Equal("cuda", t.Device));
    }

    [Fact]
    public async Task Any_trials_spread_over_silos_and_no_silo_exceeds_its_slots()
    {
        var (grain, _) = await Specs.Submit(fx.Client, Specs.Make("spread", seeds: 5, ["B-FP", "B-Q4"], steps: 15, concurrency: 10));
        await Specs.Finished(grain);
        var results = await grain.GetResults();

        Assert.Equal(10, results.Trials.Count);
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(3, results.Trials.Select(t => t.Silo).Distinct().Count());
        foreach (var accelerator in new[] { "cpu", "cuda", "mps" })
        {
            var (silo, slots) = fx.SiloWith(accelerator);
            Assert.InRange(ClusterFixture.Log.MaxConcurrentPerSilo.GetValueOrDefault(silo), 1, slots);
        }
    }

    [Fact]
    public async Task A_placement_nobody_can_serve_is_refused_at_submit()
    {
        var spec = Specs.Make("needs-mem", seeds: 1, ["B-FP"], steps: 1, accelerator: "cuda") with
        {
            Placement = new() { Accelerator = "cuda", MinDeviceMemory = 80L << 30 },
        };
        var e = await Assert.ThrowsAnyAsync<Exception>(() => Specs.Submit(fx.Client, spec));
        Assert.Contains("placement.min_device_memory: no 'cuda' silo has 80GiB (largest: 16GiB)", e.Message);
        var workers = await fx.Client.GetGrain<IExperimentRegistryGrain>(0).Workers();
        Assert.Equal(["cpu", "cuda", "mps"], workers.Select(w => w.Accelerator).Order());
    }
}
