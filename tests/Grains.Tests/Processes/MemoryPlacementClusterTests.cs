using System.Globalization;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Cluster;
using Sweep.Settings;
using Sweep.Training.Memory;

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
    private static readonly long SmallBudget = MemoryTestCluster.TinyNeed * 3 / 2;
    private static readonly TempDirectory Data = new("memory-placement");
    private MemoryTestCluster _memory = null!;

    public async Task InitializeAsync() => _memory = await MemoryTestCluster.Start(Data, 20, (small, s) =>
    {
        s.Slots = 2;
        s.DeviceMemory = small ? SmallBudget.ToString(CultureInfo.InvariantCulture) : "64GiB";
    });

    public async Task DisposeAsync() => await _memory.DisposeAsync();

    [Fact]
    public async Task The_small_silo_never_holds_more_predicted_memory_than_it_has_and_big_trials_go_to_the_big_silo()
    {
        var spec = MemoryTestCluster.Spec("mem-place",
            new TaskSpec { Name = "tiny", Model = "tiny-bert", Data = "toy-sentiment" },
            new TaskSpec { Name = "base", Model = "bert-base-uncased", Data = "toy-sentiment" });
        var baseNeed = PeakMemoryModel.Predict(TrialMemory.Recipe("bert-base-uncased", "B-FP", 8, 8, 32, "cpu")).Total;
        Assert.True(baseNeed > SmallBudget, $"bert-base {baseNeed} should not fit the small silo's {SmallBudget}");

        var (grain, _) = await Specs.Submit(_memory.Cluster.Client, spec);
        var status = await Specs.Finished(grain, seconds: 120);
        var results = await grain.GetResults();

        Assert.Equal(ExperimentState.Completed, status.State);
        Assert.Equal(8, results.Trials.Count);
        var (small, big) = (_memory.SmallSilo, _memory.BigSilo);
        Assert.All(results.Trials.Where(t => t.Task == "base"), t => Assert.Equal(big, t.Silo));
        Assert.True(_memory.MaxInUse(small) <= SmallBudget, $"small silo held {_memory.MaxInUse(small)} bytes predicted, budget {SmallBudget}");
        Assert.Contains(results.Trials, t => t.Silo == small); // it still ran what fits
    }

    [Fact]
    public async Task A_trial_that_fits_nowhere_is_refused_at_submit_with_the_numbers()
    {
        var spec = MemoryTestCluster.Spec("mem-none", new TaskSpec { Name = "huge", Model = "bert-base-uncased", Data = "toy-sentiment" }) with
        {
            Training = new TrainingOverrides { MaxSteps = 10, BatchSize = 4096, MaxLength = 512 },
        };
        var e = await Assert.ThrowsAnyAsync<Exception>(() => Specs.Submit(_memory.Cluster.Client, spec));
        Assert.Contains("placement: trials huge/B-FP/r8 (model bert-base-uncased, batch 4096, max_length 512) are predicted to need", e.Message);
        Assert.Contains("the largest cpu silo has 64GiB", e.Message);
    }
}
