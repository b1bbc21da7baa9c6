using Sweep.Grains.Interfaces;
using Sweep.Spec;
using Sweep.Grains.Placement;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class MeasuredPeaksTests
{
    private static TrialSpec Spec(int seed = 1, string device = "cpu", int batch = 16) => new()
    {
        Id = $"sweep-a/sentiment/B-FP/r8/s{seed}", Model = "minilm", Data = "uci-sentiment", Preset = "B-FP", Rank = 8, Seed = seed,
        Device = device, Training = new TrainingSettings { BatchSize = batch, MaxLength = 64 },
    };

    [Fact]
    public void A_recipe_needs_its_largest_measured_peak_when_that_is_above_the_prediction()
    {
        var peaks = new MeasuredPeaks();
        Assert.Equal(650, peaks.NeedOf(Spec(), 650)); // nothing measured yet

        peaks.Record(Spec(seed: 1), new TrialMetrics { PeakMemoryBytes = 1_400 });
        peaks.Record(Spec(seed: 2), new TrialMetrics { PeakMemoryBytes = 1_500 });
        peaks.Record(Spec(seed: 3), new TrialMetrics { PeakMemoryBytes = 1_450 });

        Assert.Equal(1_500, peaks.NeedOf(Spec(seed: 9) with { Id = "another-sweep/t/B-FP/r8/s9" }, 650)); // any seed, any sweep
        Assert.Equal(2_000, peaks.NeedOf(Spec(), 2_000));                 // a larger prediction stands
        Assert.Equal(650, peaks.NeedOf(Spec(batch: 32), 650));             // another batch is another recipe
        Assert.Equal(650, peaks.NeedOf(Spec() with { Preset = "B-Q4" }, 650));
        Assert.Equal(1, peaks.Count);
    }

    [Fact]
    public void The_peak_that_counts_is_the_one_of_the_silos_budget()
    {
        var metrics = new TrialMetrics { PeakMemoryBytes = 3_000, PeakDeviceMemoryBytes = 5_000 };
        Assert.Equal(3_000, MeasuredPeaks.PeakOnDevice("cpu", metrics));
        Assert.Equal(5_000, MeasuredPeaks.PeakOnDevice("cuda:1", metrics));
        Assert.Null(MeasuredPeaks.PeakOnDevice("mps", metrics));

        var peaks = new MeasuredPeaks();
        peaks.Record(Spec(device: "cuda:0"), new TrialMetrics { PeakMemoryBytes = 3_000 }); // the device peak was not measured
        peaks.Record(Spec(device: "mps"), metrics);
        Assert.Equal(0, peaks.Count);
        peaks.Record(Spec(device: "cuda:0"), metrics);
        Assert.Equal(5_000, peaks.NeedOf(Spec(device: "cuda:0"), 100));
        Assert.Equal(100, peaks.NeedOf(Spec(device: "cpu"), 100));
    }

    [Fact]
    public void A_peak_learned_from_elsewhere_counts_like_one_measured_here_and_the_larger_stays()
    {
        var peaks = new MeasuredPeaks();
        var recipe = MeasuredPeaks.RecipeKey(Spec());
        peaks.Learn(recipe, 1_200);
        Assert.Equal(1_200, peaks.NeedOf(Spec(seed: 4), 650));
        peaks.Record(Spec(), new TrialMetrics { PeakMemoryBytes = 1_000 }); // smaller: the learned one stays
        Assert.Equal(1_200, peaks.NeedOf(Spec(), 650));
        peaks.Learn(recipe, 1_300);
        peaks.Learn(recipe, 0); // nothing measured
        Assert.Equal(1_300, peaks.NeedOf(Spec(), 650));
    }

    [Fact]
    public void A_recipes_cluster_key_is_a_short_hash_any_storage_accepts()
    {
        var recipe = MeasuredPeaks.RecipeKey(Spec() with { Model = "/var/cache/sweep bases/a|b#c?" });
        var key = LearnedPeaks.KeyOf(recipe);
        Assert.Matches("^peak-[0-9a-f]{32}$", key);
        Assert.Equal(key, LearnedPeaks.KeyOf(MeasuredPeaks.RecipeKey(Spec(seed: 7) with { Model = "/var/cache/sweep bases/a|b#c?" })));
        Assert.NotEqual(key, LearnedPeaks.KeyOf(MeasuredPeaks.RecipeKey(Spec(batch: 32) with { Model = "/var/cache/sweep bases/a|b#c?" })));
    }

    [Fact]
    public void A_sweeps_trials_need_the_peak_measured_for_their_recipe_when_it_is_above_the_prediction()
    {
        var spec = new SweepSpec
        {
            Name = "needs", Tasks = [new TaskSpec { Name = "t", Model = "tiny-bert", Data = "toy-sentiment" }], Presets = ["B-FP", "B-Q4"],
            Seeds = [1, 2], Training = new TrainingOverrides { MaxSteps = 3, BatchSize = 8, MaxLength = 32 },
        };
        var plans = SpecExpander.Expand(spec);
        var fp = plans.First(p => p.Preset == "B-FP");
        var predicted = MemoryNeeds.Predict(spec, fp)!.Value;
        var learned = new Dictionary<string, MeasuredPeak>
        {
            [MemoryNeeds.RecipeOf(spec, fp)!] = new(predicted * 3, "earlier", "t/B-FP/r8/s1", "silo-a", DateTimeOffset.UnixEpoch),
        };
        var sized = MemoryNeeds.Apply(spec, plans, learned);
        Assert.All(sized.Where(p => p.Preset == "B-FP"), p => Assert.Equal(predicted * 3, p.Placement.MinDeviceMemory));
        Assert.All(sized.Where(p => p.Preset == "B-Q4"), p => Assert.Equal(MemoryNeeds.Predict(spec, p), p.Placement.MinDeviceMemory));

        var worker = new WorkerInfo("silo-b", Accelerators.Cpu, predicted * 2, 2);
        var problem = Assert.Single(MemoryNeeds.Check(spec, sized, [worker], learned));
        Assert.Contains($"as trial t/B-FP/r8/s1 of experiment earlier (the same recipe) measured on silo-a (predicted {ByteSize.Format(predicted)})", problem.ToString());
    }

    [Fact]
    public void A_silo_asks_the_cluster_for_a_recipe_the_first_time_and_then_at_most_once_per_interval()
    {
        var peaks = new MeasuredPeaks();
        var t0 = DateTimeOffset.UnixEpoch;
        var every = TimeSpan.FromSeconds(30);
        Assert.True(peaks.DueForClusterRead("a", t0, every));
        Assert.False(peaks.DueForClusterRead("a", t0.AddSeconds(29), every));
        Assert.True(peaks.DueForClusterRead("b", t0.AddSeconds(29), every)); // another recipe is asked for on its own
        Assert.True(peaks.DueForClusterRead("a", t0.AddSeconds(30), every));
        Assert.False(peaks.DueForClusterRead("a", t0.AddSeconds(59), every)); // counted from the last ask
        Assert.True(peaks.DueForClusterRead("a", t0.AddSeconds(60), every));
    }
}
