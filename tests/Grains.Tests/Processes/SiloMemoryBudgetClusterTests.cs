using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Cluster;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training.Memory;
using Sweep.Training.Trials;

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
    private static readonly long TinyNeed = PeakMemoryModel.Predict(TrialMemory.Recipe("tiny-bert", "B-FP", 8, 8, 32, "cpu")).Total;
    private static readonly long SmallBudget = TinyNeed * 3 / 2;
    private static readonly ConcurrentDictionary<string, long> InUse = new(), MaxInUse = new();
    private static readonly ConcurrentDictionary<string, ConcurrentBag<string>> TrialsOn = new();
    private static readonly TempDirectory Data = new("silo-budget");
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((o, silo) =>
        {
            var small = o.SiloName == "Silo_0";
            silo.AddSweepSilo(s =>
            {
                s.Accelerator = AcceleratorChoice.Cpu;
                s.Slots = small ? 4 : 2;
                s.DeviceMemory = "64GiB";
                if (small) s.MemoryBudget = SmallBudget.ToString(CultureInfo.InvariantCulture);
                s.DataPath = Data.Path;
                s.Executor = TrialExecutorKind.Simulated;
                s.PumpInterval = s.ProgressInterval = TimeSpan.FromMilliseconds(100);
            });
            silo.Services.AddSingleton<ITrialExecutor>(sp =>
                new Metered(new SimulatedTrialExecutor(new SimulationOptions(10, 30)), sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString()));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>Adds each executing trial's predicted peak to its silo's total while it executes, and keeps the largest total.</summary>
    private sealed class Metered(SimulatedTrialExecutor inner, string silo) : ITrialExecutor
    {
        public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain = default)
        {
            var need = TrialMemory.Predict(spec, "cpu").Total;
            TrialsOn.GetOrAdd(silo, _ => []).Add(spec.Id);
            var now = InUse.AddOrUpdate(silo, need, (_, v) => v + need);
            MaxInUse.AddOrUpdate(silo, now, (_, v) => Math.Max(v, now));
            try { return inner.Execute(spec, progress, ct, checkpoints, drain); }
            finally { InUse.AddOrUpdate(silo, 0, (_, v) => v - need); }
        }
    }

    private static SweepSpec Spec(string name, params TaskSpec[] tasks) => Specs.Make(name, seeds: 4, ["B-FP"], steps: 10, concurrency: 8) with
    {
        Tasks = tasks,
        Training = new TrainingOverrides { MaxSteps = 10, BatchSize = 8, MaxLength = 32 },
    };

    [Fact]
    public async Task Two_experiments_at_once_never_hold_more_than_the_small_silos_budget_there_and_big_trials_go_to_the_big_silo()
    {
        var smallHandle = (InProcessSiloHandle)_cluster.Silos[0];
        var small = smallHandle.SiloAddress.ToParsableString();
        var big = _cluster.Silos[1].SiloAddress.ToParsableString();
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

        var first = Spec("budget-a", new TaskSpec { Name = "tiny", Model = "tiny-bert", Data = "toy-sentiment" },
            new TaskSpec { Name = "base", Model = "bert-base-uncased", Data = "toy-sentiment" });
        var second = Spec("budget-b", new TaskSpec { Name = "tiny", Model = "tiny-bert", Data = "toy-sentiment" });
        var submitted = await Task.WhenAll(Specs.Submit(_cluster.Client, first), Specs.Submit(_cluster.Client, second));
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
        Assert.True(MaxInUse.GetValueOrDefault(small) <= SmallBudget, $"small silo executed {MaxInUse[small]} bytes of predicted peaks, budget {SmallBudget}");
        Assert.InRange(maxReserved, 1, SmallBudget);
        Assert.Equal(0, slots.Reserved);
    }
}
