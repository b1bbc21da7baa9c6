using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Spec;
using Sweep.Grains.Placement;
using Sweep.Grains.Tests.Cluster;
using Sweep.Grains.Trials;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Processes;

/// <summary>
/// A peak measured once counts everywhere, and later, on real two-silo test clusters with file grain storage: a small
/// silo (memory for three predicted tiny-bert trials) and a big one. Every trial reports a measured peak four times its
/// prediction, as a trial process whose allocator keeps freed memory does. The first sweep is sized by predictions and
/// uses both silos; the cluster records the measurement; a second sweep of the same recipe is sized by it and runs on the
/// big silo only. After the cluster is stopped, new clusters on the same storage whose trials measure nothing still know
/// it: the big silo's slots learn it before they run the recipe, and where no silo has that much memory a sweep of the
/// recipe is refused at submit with the measurement, while another recipe is accepted.
/// </summary>
[Category(Category.Cluster)]
public sealed class LearnedPeaksClusterTests
{
    private static readonly long SmallMemory = MemoryTestCluster.TinyNeed * 3;
    private static readonly long Measured = MemoryTestCluster.TinyNeed * 4;
    private static readonly TaskSpec Tiny = new() { Name = "tiny", Model = "tiny-bert", Data = "toy-sentiment" };

    [Fact]
    public async Task A_peak_measured_once_sizes_its_recipes_trials_in_later_sweeps_on_every_silo_and_after_a_restart()
    {
        using var data = new TempDirectory("learned-peaks");
        var first = MemoryTestCluster.Spec("learn-a", Tiny);
        var recipe = MemoryNeeds.RecipeOf(first, SpecExpander.Expand(first)[0])!;
        string trial;
        await using (var cluster = await Start(data, bigMemory: "64GiB"))
        {
            var (small, big) = (cluster.SmallSilo, cluster.BigSilo);
            var a = await Run(cluster, first);
            Assert.Contains(a.Trials, t => t.Silo == small); // sized by the prediction, it fits there

            var peak = await cluster.Cluster.Client.GetGrain<IMeasuredPeakGrain>(LearnedPeaks.KeyOf(recipe)).Get();
            Assert.NotNull(peak);
            Assert.Equal(Measured, peak.Bytes);
            Assert.Contains(a.Trials, t => t.Id == peak.TrialId && t.Silo == peak.Silo);
            Assert.Equal(ExperimentIds.For(first), peak.Experiment);
            trial = $"{peak.TrialId} of experiment {peak.Experiment}";

            var b = await Run(cluster, MemoryTestCluster.Spec("learn-b", Tiny));
            Assert.All(b.Trials, t => Assert.Equal(big, t.Silo)); // sized by the measurement, more than the small silo has
        }

        // a new cluster on the same storage whose trials measure nothing: what the first cluster measured still counts
        await using (var cluster = await Start(data, bigMemory: "64GiB", measuring: false))
        {
            var c = await Run(cluster, MemoryTestCluster.Spec("learn-c", Tiny));
            Assert.All(c.Trials, t => Assert.Equal(cluster.BigSilo, t.Silo));
            var bigSlots = ((InProcessSiloHandle)cluster.Cluster.Silos[1]).ServiceProvider.GetRequiredService<SlotWorkers>();
            Assert.Equal(Measured, bigSlots.Peaks.NeedOf(recipe, 1)); // read from the cluster before its trials started
        }

        // and where no silo has that memory, a sweep of the recipe is refused at submit with the measurement
        await using (var cluster = await Start(data, bigMemory: SmallMemory.ToString(CultureInfo.InvariantCulture), measuring: false))
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => Specs.Submit(cluster.Cluster.Client, MemoryTestCluster.Spec("learn-d", Tiny)));
            Assert.Contains($"trials tiny/B-FP/r8 (model tiny-bert, batch 8, max_length 32) need {ByteSize.Format(Measured)} at their peak, "
                + $"as trial {trial} (the same recipe) measured on", e.Message);
            Assert.Contains($"(predicted {ByteSize.Format(MemoryTestCluster.TinyNeed)}); the largest cpu silo has {ByteSize.Format(SmallMemory)}", e.Message);

            var other = MemoryTestCluster.Spec("learn-e", Tiny) with { Training = new TrainingOverrides { MaxSteps = 10, BatchSize = 4, MaxLength = 32 } };
            var d = await Run(cluster, other); // another batch is another recipe: sized by its prediction
            Assert.Contains(d.Trials, t => t.Silo == cluster.SmallSilo);
        }
    }

    private static Task<MemoryTestCluster> Start(TempDirectory data, string bigMemory, bool measuring = true) => MemoryTestCluster.Start(data, 20, (small, s) =>
    {
        s.Slots = 2;
        s.Storage = GrainStorageKind.File;
        s.DeviceMemory = small ? SmallMemory.ToString(CultureInfo.InvariantCulture) : bigMemory;
    }, measuredPeak: measuring ? _ => Measured : null);

    private static async Task<ExperimentResults> Run(MemoryTestCluster cluster, SweepSpec spec)
    {
        var (grain, _) = await Specs.Submit(cluster.Cluster.Client, spec);
        var status = await Specs.Finished(grain, seconds: 120);
        Assert.Equal(ExperimentState.Completed, status.State);
        var results = await grain.GetResults();
        Assert.Equal(4, results.Trials.Count);
        return results;
    }
}
