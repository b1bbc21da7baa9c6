using Sweep.Grains.Experiments;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class SweepSizeTests
{
    private static SweepSpec Spec(int tasks, string[] presets, int[] ranks, int seeds) => new()
    {
        Name = "size",
        Tasks = Enumerable.Range(1, tasks).Select(i => new TaskSpec { Name = $"t{i}", Model = "sim", Data = "toy-sentiment" }).ToList(),
        Presets = presets,
        Ranks = ranks,
        Seeds = Enumerable.Range(1, seeds).ToList(),
    };

    [Theory]
    [InlineData(1, new[] { "B-FP" }, new[] { 8 }, 3)]
    [InlineData(2, new[] { "B-FP", "B-Ada", "Joint-1" }, new[] { 4, 8, 16 }, 5)]
    [InlineData(3, new[] { "B-Ada", "Joint-3" }, new[] { 2, 4 }, 1)]
    public void Count_equals_the_number_of_expanded_trials(int tasks, string[] presets, int[] ranks, int seeds)
    {
        var spec = Spec(tasks, presets, ranks, seeds);
        Assert.Equal(SpecExpander.Expand(spec).Count, SweepSize.Count(spec));
    }

    [Fact]
    public void Count_of_eighteen_million_trials_needs_no_expansion()
    {
        var spec = Spec(3, ["B-FP", "B-Q4", "B-Ada"], Enumerable.Range(1, 1_000).ToArray(), 3_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(3L * (2 * 1_000 + 1) * 3_000, SweepSize.Count(spec)); // B-Ada sweeps no ranks
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Refusal_names_the_count_the_limit_and_how_to_raise_it()
    {
        Assert.Null(SweepSize.Refusal(100_000, SweepSize.DefaultLimit));
        var over = SweepSize.Refusal(100_001, SweepSize.DefaultLimit)!;
        Assert.Contains("100,001 trials", over);
        Assert.Contains("limit of 100,000", over);
        Assert.Contains("--max-trials", over);
        var huge = SweepSize.Refusal(18_000_000, SweepSize.HardLimit)!;
        Assert.Contains("18,000,000", huge);
        Assert.Contains("split it", huge);
    }

    [Fact]
    public void Wall_time_estimate_is_rounds_of_concurrent_trials()
    {
        Assert.Equal(TimeSpan.FromMinutes(3), SweepSize.EstimateWallTime(9, TimeSpan.FromMinutes(1), 4)); // 4 + 4 + 1
        Assert.Equal(TimeSpan.FromMinutes(9), SweepSize.EstimateWallTime(9, TimeSpan.FromMinutes(1), 0)); // no concurrency given: one at a time
    }

    [Fact]
    public void Status_of_a_large_sweep_lists_running_and_unsuccessful_trials_and_counts_all()
    {
        var book = new ExperimentBook(ExperimentBook.Expand(Spec(1, ["B-FP"], [8], ExperimentStatusBuilder.MaxListed + 500)));
        var running = book.Trials[10].Plan.Id;
        book.MarkRunning(running, "a");
        var failed = book.Trials[20].Plan;
        book.Accept(new TrialOutcome { Id = failed.Id, Task = "t1", Preset = "B-FP", State = TrialState.Failed, Error = "boom" });
        for (var i = 30; i < 130; i++) book.Accept(new TrialOutcome { Id = book.Trials[i].Plan.Id, Task = "t1", Preset = "B-FP", State = TrialState.Completed });

        var status = ExperimentStatusBuilder.Build("x", new ExperimentGrainState { Spec = Spec(1, ["B-FP"], [8], 1) }, book, new Dictionary<string, TrialProgressInfo>(), []);

        Assert.True(status.IsAbridged);
        Assert.Equal([running, failed.Id], status.Trials.Select(t => t.Id));
        Assert.Equal(ExperimentStatusBuilder.MaxListed + 500, status.Total);
        Assert.Equal(1, status.Count(TrialState.Running));
        Assert.Equal(1, status.Count(TrialState.Failed));
        Assert.Equal(100, status.Count(TrialState.Completed));
        Assert.Equal(101, status.Finished);
        Assert.Equal(ExperimentStatusBuilder.MaxListed + 500 - 102, status.Count(TrialState.Pending));
    }

    [Fact]
    public void Status_of_a_small_sweep_lists_every_trial()
    {
        var book = new ExperimentBook(ExperimentBook.Expand(Spec(1, ["B-FP", "B-Q4"], [8], 3)));
        book.Cancel();
        var status = ExperimentStatusBuilder.Build("x", new ExperimentGrainState { Spec = Spec(1, ["B-FP"], [8], 1) }, book, new Dictionary<string, TrialProgressInfo>(), []);
        Assert.False(status.IsAbridged);
        Assert.Equal(6, status.Trials.Count);
        Assert.Equal(6, status.Count(TrialState.Cancelled));
    }
}
