using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class DispatchPlannerTests
{
    private static readonly WorkerInfo Cpu = new("cpu1", "cpu", 8L << 30, 2);
    private static readonly WorkerInfo Gpu = new("gpu1", "cuda", 16L << 30, 1);
    private static readonly WorkerInfo Mac = new("mac1", "mps", 8L << 30, 2);

    private static List<TrialPlan> Trials(int n, string accel = "any") =>
        Enumerable.Range(1, n).Select(i => new TrialPlan { Id = $"t{i}", Task = "t", Preset = "B-FP", Seed = i, Placement = new PlacementSpec { Accelerator = accel } }).ToList();

    [Fact]
    public void Never_more_trials_on_a_silo_than_its_free_slots()
    {
        var plan = DispatchPlanner.Plan(Trials(10), new Dictionary<string, int> { ["cpu1"] = 1 }, running: 1, concurrency: 100, [Cpu, Gpu, Mac]);
        var perSilo = plan.GroupBy(a => a.Silo).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, perSilo["cpu1"]);
        Assert.Equal(1, perSilo["gpu1"]);
        Assert.Equal(2, perSilo["mac1"]);
        Assert.Equal(4, plan.Count);
    }

    [Fact]
    public void Concurrency_limit_counts_trials_already_running()
    {
        var plan = DispatchPlanner.Plan(Trials(10), new Dictionary<string, int>(), running: 2, concurrency: 3, [Cpu, Mac]);
        Assert.Single(plan);
        Assert.Equal("t1", plan[0].TrialId);
    }

    [Fact]
    public void Trials_needing_an_accelerator_wait_for_it_while_others_go_ahead()
    {
        var trials = Trials(2, "cuda").Concat(Trials(1).Select(t => t with { Id = "any1" })).ToList();
        var plan = DispatchPlanner.Plan(trials, new Dictionary<string, int>(), 0, 10, [Cpu, Gpu]);
        Assert.Equal([("t1", "gpu1"), ("any1", "cpu1")], plan.Select(a => (a.TrialId, a.Silo)));
    }

    [Fact]
    public void Any_trials_spread_to_the_silo_with_most_free_slots_first()
    {
        var plan = DispatchPlanner.Plan(Trials(3), new Dictionary<string, int>(), 0, 10, [Gpu, Cpu, Mac]);
        Assert.Equal(3, plan.Select(a => a.Silo).Count());
        Assert.Equal(2, plan.Select(a => a.Silo).Distinct().Count(s => s is "cpu1" or "mac1"));
    }

    [Fact]
    public void Stops_reading_pending_trials_once_every_slot_is_taken()
    {
        var read = 0;
        var pending = Trials(10_000).Select(t => { read++; return t; });
        var plan = DispatchPlanner.Plan(pending, new Dictionary<string, int> { ["cpu1"] = 1 }, running: 1, concurrency: 100, [Cpu, Mac]);
        Assert.Equal(3, plan.Count);
        Assert.Equal(3, read);
    }

    [Fact]
    public void Placement_chooser_keeps_the_preferred_silo_only_when_it_fits()
    {
        var need = new PlacementSpec { Accelerator = "cuda" };
        Assert.Equal("gpu1", PlacementChooser.Choose(need, [Cpu, Gpu], "cpu1", new Random(1))!.Silo);
        Assert.Equal("mac1", PlacementChooser.Choose(new PlacementSpec(), [Cpu, Gpu, Mac], "mac1", new Random(1))!.Silo);
        Assert.Null(PlacementChooser.Choose(need, [Cpu, Mac], null, new Random(1)));
        Assert.Null(PlacementChooser.Choose(new PlacementSpec { Accelerator = "cuda", MinDeviceMemory = 32L << 30 }, [Gpu], null, new Random(1)));
    }

    [Fact]
    public void Silo_metadata_round_trips_and_silos_without_it_have_no_slots()
    {
        var w = WorkerMetadata.FromMetadata("s", WorkerMetadata.ToMetadata("mps", 8L << 30, 3));
        Assert.Equal(new WorkerInfo("s", "mps", 8L << 30, 3), w);
        Assert.Equal(0, WorkerMetadata.FromMetadata("c", new Dictionary<string, string>()).Slots);
        Assert.False(WorkerMetadata.IsControl(WorkerMetadata.ToMetadata("cpu", 1, 1, "worker")));
        Assert.True(WorkerMetadata.IsControl(WorkerMetadata.ToMetadata("none", 0, 0, "control")));
        Assert.True(WorkerMetadata.IsControl(new Dictionary<string, string>())); // a silo without the key hosts anything
    }
}
