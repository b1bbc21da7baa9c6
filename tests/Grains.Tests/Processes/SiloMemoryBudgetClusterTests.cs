using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Cluster;
using Sweep.Settings;
using Sweep.Grains.Trials;

namespace Sweep.Grains.Tests.Processes;

/// <summary>
/// The memory budget is the silo's, across experiments, on a real two-silo test cluster: a small silo (4 slots, 64 GiB of
/// memory but <c>MemoryBudget</c> for one tiny-bert trial and a half) and a big one (2 slots, 64 GiB). Two experiments
/// are submitted at once; each one's dispatcher knows only its own trials, so each sends its first trial to the small silo
/// (it has the most free slots). Trials run simulated work but carry their models' predicted peaks. What executes on the
/// small silo is sampled throughout, from its slots and from its executor: never more than its budget.
/// </summary>
[Category(Category.Cluster)]
public sealed class SiloMemoryBudgetClusterTests : IAsyncLifetime
{
    private static readonly long SmallBudget = MemoryTestCluster.TinyNeed * 3 / 2;
    private static readonly TempDirectory Data = new("silo-budget");
    private MemoryTestCluster _memory = null!;

    public async Task InitializeAsync() => _memory = await MemoryTestCluster.Start(Data, 30, (small, s) =>
    {
        s.Slots = small ? 4 : 2;
        s.DeviceMemory = "64GiB";
        if (small) s.MemoryBudget = SmallBudget.ToString(CultureInfo.InvariantCulture);
    });

    public async Task DisposeAsync() => await _memory.DisposeAsync();

    [Fact]
    public async Task Two_experiments_at_once_never_hold_more_than_the_small_silos_budget_there_and_big_trials_go_to_the_big_silo()
    {
        var smallHandle = (InProcessSiloHandle)_memory.Cluster.Silos[0];
        var (small, big) = (_memory.SmallSilo, _memory.BigSilo);
        var slots = smallHandle.ServiceProvider.GetRequiredService<SlotWorkers>();
        Assert.Equal(SmallBudget, slots.MemoryBudget);

        using var stop = new CancellationTokenSource();
        long maxReserved = 0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                maxReserved = Math.Max(maxReserved, slots.Reserved);
                await Task.Delay(2);
            }
        });

        var first = MemoryTestCluster.Spec("budget-a", new TaskSpec { Name = "tiny", Model = "tiny-bert", Data = "toy-sentiment" },
            new TaskSpec { Name = "base", Model = "bert-base-uncased", Data = "toy-sentiment" });
        var second = MemoryTestCluster.Spec("budget-b", new TaskSpec { Name = "tiny", Model = "tiny-bert", Data = "toy-sentiment" });
        var submitted = await Task.WhenAll(Specs.Submit(_memory.Cluster.Client, first), Specs.Submit(_memory.Cluster.Client, second));
        var statuses = await Task.WhenAll(submitted.Select(s => Specs.Finished(s.Grain, seconds: 120)));
        stop.Cancel();
        await sampler;

        Assert.All(statuses, s => Assert.Equal(ExperimentState.Completed, s.State));
        var results = await Task.WhenAll(submitted.Select(s => s.Grain.GetResults()));
        Assert.Equal(8, results[0].Trials.Count);
        Assert.Equal(4, results[1].Trials.Count);
        Assert.All(results[0].Trials.Where(t => t.Task == "base"), t => Assert.Equal(big, t.Silo));
        // both experiments used the small silo, and what executed there together never exceeded its budget
        Assert.All(results, r => Assert.Contains(r.Trials, t => t.Silo == small));
        Assert.True(_memory.MaxInUse(small) <= SmallBudget, $"small silo executed {_memory.MaxInUse(small)} bytes of predicted peaks, budget {SmallBudget}");
        Assert.InRange(maxReserved, 1, SmallBudget);
        Assert.Equal(0, slots.Reserved);
    }
}
