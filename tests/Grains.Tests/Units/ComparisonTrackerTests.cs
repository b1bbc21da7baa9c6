using Sweep.Grains.Aggregation;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class ComparisonTrackerTests
{
    private static IEnumerable<TrialPlan> Plans(string task, string preset, params int[] seeds) =>
        seeds.Select(s => new TrialPlan { Id = TrialPlan.MakeId(task, preset, 8, s), Task = task, Preset = preset, Rank = 8, Seed = s });

    private static ComparisonTracker Tracker() => new(
        Plans("a", "B-FP", 1, 2).Concat(Plans("a", "B-Q4", 1, 2)).Concat(Plans("a", "Joint-3", 1, 2)).Concat(Plans("b", "B-Q4", 1)), "B-FP");

    [Fact]
    public void A_comparison_completes_when_the_last_trial_of_it_or_of_its_baseline_finishes()
    {
        var t = Tracker();
        Assert.Empty(t.Finish("a/B-Q4/r8/s1"));
        Assert.Empty(t.Finish("a/B-Q4/r8/s2")); // its baseline has not finished
        Assert.Empty(t.Finish("a/Joint-3/r8/s1"));
        Assert.Empty(t.Finish("a/B-FP/r8/s1"));
        Assert.Equal([new Comparison("a", "B-FP", "B-Q4")], t.Finish("a/B-FP/r8/s2")); // Joint-3 still has a trial left
        Assert.Equal([new Comparison("a", "B-FP", "Joint-3")], t.Finish("a/Joint-3/r8/s2"));
        Assert.Equal(["a: B-Q4 vs B-FP", "a: Joint-3 vs B-FP"], t.Complete.Select(c => c.ToString()));
    }

    [Fact]
    public void Repeats_unknown_ids_and_tasks_without_a_baseline_complete_nothing()
    {
        var t = Tracker();
        Assert.Empty(t.Finish("b/B-Q4/r8/s1")); // task b has no baseline trials
        Assert.Empty(t.Finish("nope"));
        t.Finish("a/B-FP/r8/s1");
        Assert.Empty(t.Finish("a/B-FP/r8/s1")); // a repeat does not count twice
        Assert.Empty(t.Complete);
        Assert.Equal(7, t.Expected);
    }

    [Fact]
    public void The_baseline_finishing_last_completes_every_finished_comparison_at_once()
    {
        var t = Tracker();
        foreach (var id in new[] { "a/B-Q4/r8/s1", "a/B-Q4/r8/s2", "a/Joint-3/r8/s1", "a/Joint-3/r8/s2", "a/B-FP/r8/s1" }) t.Finish(id);
        Assert.Equal(["B-Q4", "Joint-3"], t.Finish("a/B-FP/r8/s2").Select(c => c.Preset));
    }
}
