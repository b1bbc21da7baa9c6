using System.Collections.Concurrent;
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
/// Memory-aware placement on a real two-silo test cluster: a small silo (2 slots, memory for one tiny-bert trial and a
/// half) and a big one. Trials run simulated work but carry their real models' predicted peaks: the small silo never
/// runs trials whose predicted peaks together exceed its memory, bert-base trials go to the big silo, and a trial that
/// fits nowhere is refused at submit with the numbers.
/// </summary>
[Category(Category.Cluster)]
public sealed class MemoryPlacementClusterTests : IAsyncLifetime
{
    private static readonly long TinyNeed = PeakMemoryModel.Predict(TrialMemory.Recipe("tiny-bert", "B-FP", 8, 8, 32, "cpu")).Total;
    private static readonly long SmallBudget = TinyNeed * 3 / 2;
    private static readonly ConcurrentDictionary<string, long> InUse = new(), MaxInUse = new();
    private static readonly ConcurrentDictionary<string, string> SiloOfTrial = new();
    private static readonly TempDirectory Data = new("memory-placement");
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
                s.Slots = 2;
                s.DeviceMemory = small ? SmallBudget.ToString(System.Globalization.CultureInfo.InvariantCulture) : "64GiB";
                s.DataPath = Data.Path;
                s.Executor = TrialExecutorKind.Simulated;
                s.PumpInterval = s.ProgressInterval = TimeSpan.FromMilliseconds(100);
            });
            silo.Services.AddSingleton<ITrialExecutor>(sp =>
                new Metered(new SimulatedTrialExecutor(new SimulationOptions(10, 20)), sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString()));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>Adds each running trial's predicted peak to its silo's total while it runs, and keeps the largest total.</summary>
    private sealed class Metered(SimulatedTrialExecutor inner, string silo) : ITrialExecutor
    {
        public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain)
        {
            var need = TrialMemory.Predict(spec, "cpu").Total;
            SiloOfTrial[spec.Id] = silo;
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
    public async Task The_small_silo_never_holds_more_predicted_memory_than_it_has_and_big_trials_go_to_the_big_silo()
    {
        var spec = Spec("mem-place",
            new TaskSpec { Name = "tiny", Model = "tiny-bert", Data = "toy-sentiment" },
            new TaskSpec { Name = "base", Model = "bert-base-uncased", Data = "toy-sentiment" });
        var baseNeed = PeakMemoryModel.Predict(TrialMemory.Recipe("bert-base-uncased", "B-FP", 8, 8, 32, "cpu")).Total;
        Assert.True(baseNeed > SmallBudget, $"bert-base {baseNeed} should not fit the small silo's {SmallBudget}");

        var (grain, _) = await Specs.Submit(_cluster.Client, spec);
        var status = await Specs.Finished(grain, seconds: 120);
        var results = await grain.GetResults();

        Assert.Equal(ExperimentState.Completed, status.State);
        Assert.Equal(8, results.Trials.Count);
        var small = _cluster.Silos[0].SiloAddress.ToParsableString();
        var big = _cluster.Silos[1].SiloAddress.ToParsableString();
        Assert.All(results.Trials.Where(t => t.Task == "base"), t => Assert.Equal(big, t.Silo));
        Assert.True(MaxInUse.GetValueOrDefault(small) <= SmallBudget, $"small silo held {MaxInUse[small]} bytes predicted, budget {SmallBudget}");
        Assert.Contains(results.Trials, t => t.Silo == small); // it still ran what fits
    }

    [Fact]
    public async Task A_trial_that_fits_nowhere_is_refused_at_submit_with_the_numbers()
    {
        var spec = Spec("mem-none", new TaskSpec { Name = "huge", Model = "bert-base-uncased", Data = "toy-sentiment" }) with
        {
            Training = new TrainingOverrides { MaxSteps = 10, BatchSize = 4096, MaxLength = 512 },
        };
        var e = await Assert.ThrowsAnyAsync<Exception>(() => Specs.Submit(_cluster.Client, spec));
        Assert.Contains("placement: trials huge/B-FP/r8 (model bert-base-uncased, batch 4096, max_length 512) are predicted to need", e.Message);
        Assert.Contains("the largest cpu silo has 64GiB", e.Message);
    }
}
