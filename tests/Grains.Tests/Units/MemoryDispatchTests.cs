using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

/// <summary>The dispatcher keeps the needs of a silo's running trials within its memory, not only within its slots.</summary>
[Category(Category.Unit)]
public sealed class MemoryDispatchTests
{
    private static List<TrialPlan> Needing(int n, long bytes) =>
        Enumerable.Range(1, n).Select(i => new TrialPlan
        {
            Id = $"t{i}", Task = "t", Preset = "B-FP", Seed = i, Placement = new PlacementSpec { MinDeviceMemory = bytes },
        }).ToList();

    [Fact]
    public void A_silo_takes_trials_while_their_needs_fit_its_memory_even_with_free_slots()
    {
        var small = new WorkerInfo("small", "cpu", 3L << 30, 8);
        var plan = DispatchPlanner.Plan(Needing(6, 1L << 30), new Dictionary<string, int> { ["small"] = 1 }, running: 1, concurrency: 100,
            [small], new Dictionary<string, long> { ["small"] = 1L << 30 });
        Assert.Equal(2, plan.Count); // 1 GiB running + 2 × 1 GiB = its 3 GiB; 6 slots stay free
    }

    [Fact]
    public void A_trial_too_big_for_one_silo_goes_to_the_one_where_it_fits()
    {
        var small = new WorkerInfo("small", "cpu", 2L << 30, 8);
        var big = new WorkerInfo("big", "cpu", 64L << 30, 1);
        var plan = DispatchPlanner.Plan(Needing(1, 5L << 30), new Dictionary<string, int>(), running: 0, concurrency: 10, [small, big]);
        Assert.Equal("big", Assert.Single(plan).Silo);
    }

    [Fact]
    public void A_memory_budget_set_below_the_device_memory_is_what_the_needs_must_fit()
    {
        var shared = new WorkerInfo("shared", "cuda", 80L << 30, 8) { MemoryBudget = 20L << 30 };
        var plan = DispatchPlanner.Plan(Needing(4, 8L << 30), new Dictionary<string, int>(), running: 0, concurrency: 10, [shared]);
        Assert.Equal(2, plan.Count); // 2 × 8 GiB fit 20 GiB; a third would not, though the device has 80
        Assert.False(shared.Satisfies(new PlacementSpec { Accelerator = "cuda", MinDeviceMemory = 21L << 30 }));
    }

    [Fact]
    public void A_silo_that_advertises_no_memory_is_held_to_slots_only()
    {
        var gpu = new WorkerInfo("gpu", "cuda", 0, 2);
        var plan = DispatchPlanner.Plan(Needing(3, 40L << 30), new Dictionary<string, int>(), running: 0, concurrency: 10, [gpu]);
        Assert.Equal(2, plan.Count);
    }
}
