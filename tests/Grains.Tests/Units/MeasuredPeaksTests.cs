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
}
