using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class SlotWorkersTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Blocks each run until released; signals each start and records how many execute at once.</summary>
    private sealed class GateExecutor : ITrialExecutor
    {
        private readonly SemaphoreSlim _release = new(0);
        private readonly SemaphoreSlim _started = new(0);
        private int _running;
        public int MaxRunning;
        public int Started;

        public void Release(int n) => _release.Release(n);

        /// <summary>Waits until <paramref name="count"/> more runs have started executing.</summary>
        public async Task NextStarts(int count)
        {
            for (var i = 0; i < count; i++)
                if (!await _started.WaitAsync(Timeout)) throw new TimeoutException($"run {i + 1} of {count} did not start in {Timeout.TotalSeconds} s");
        }

        public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain)
        {
            var now = Interlocked.Increment(ref _running);
            lock (this) MaxRunning = Math.Max(MaxRunning, now);
            Interlocked.Increment(ref Started);
            _started.Release();
            try { _release.Wait(ct); }
            finally { Interlocked.Decrement(ref _running); }
            return new TrialResult { Id = spec.Id, State = TrialState.Completed };
        }
    }

    private sealed class NoCheckpoints : ICheckpointStore
    {
        public void Save(string trialId, byte[] checkpoint) { }
        public byte[]? Load(string trialId) => null;
    }

    private static TrialSpec Spec(int i) => new() { Id = $"t{i}", Model = "sim", Data = "toy-sentiment", Preset = "B-FP" };

    /// <summary>
    /// Completes once every slot has taken the work posted before it: the workers take work in order, so when a
    /// marker posted now runs, everything queued earlier has been taken (executed, or skipped when cancelled).
    /// </summary>
    private static Task QueuedWorkTaken(SlotWorkers slots)
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slots.Post(() => marker.SetResult());
        return marker.Task.WaitAsync(Timeout);
    }

    [Fact]
    public async Task No_more_runs_execute_at_once_than_slots_and_queued_runs_all_finish()
    {
        using var slots = new SlotWorkers(2);
        var executor = new GateExecutor();
        var runs = Enumerable.Range(0, 6).Select(i => TrialRun.Start(executor, Spec(i), new NoCheckpoints(), slots)).ToList();
        await executor.NextStarts(2);

        // Free one slot at a time: each release lets exactly one queued run in, and it starts beside the other one.
        for (var finished = 1; finished <= 4; finished++)
        {
            executor.Release(1);
            await executor.NextStarts(1);
            Assert.Equal(2 + finished, executor.Started);
        }
        executor.Release(2);
        var results = await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(Timeout);
        Assert.All(results, r => Assert.Equal(TrialState.Completed, r.State));
        Assert.Equal(2, executor.MaxRunning);
    }

    [Fact]
    public async Task A_run_cancelled_while_it_waits_for_a_slot_ends_at_once_and_never_executes()
    {
        using var slots = new SlotWorkers(1);
        var executor = new GateExecutor();
        var busy = TrialRun.Start(executor, Spec(1), new NoCheckpoints(), slots);
        await executor.NextStarts(1);
        var waiting = TrialRun.Start(executor, Spec(2), new NoCheckpoints(), slots);

        waiting.Cancel(byUser: true);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(waiting.CancelledByUser);

        executor.Release(1);
        Assert.Equal(TrialState.Completed, (await busy.Completion.WaitAsync(TimeSpan.FromSeconds(5))).State);
        await QueuedWorkTaken(slots);
        Assert.Equal(1, executor.Started); // the slot, once free, took the cancelled run and skipped it
    }

    [Fact]
    public async Task Cancelling_an_executing_run_stops_it_and_frees_its_slot()
    {
        using var slots = new SlotWorkers(1);
        var executor = new GateExecutor();
        var first = TrialRun.Start(executor, Spec(1), new NoCheckpoints(), slots);
        await executor.NextStarts(1);
        first.Cancel(byUser: false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(first.CancelledByUser);

        var second = TrialRun.Start(executor, Spec(2), new NoCheckpoints(), slots);
        executor.Release(1);
        Assert.Equal(TrialState.Completed, (await second.Completion.WaitAsync(TimeSpan.FromSeconds(5))).State);
    }

    /// <summary>Posts work that records how many bytes of need execute at once and holds until <paramref name="release"/> is set.</summary>
    private sealed class Meter
    {
        private long _now;
        public long Max;
        public readonly List<string> Order = [];

        public Action Work(string name, long need, ManualResetEventSlim release, TaskCompletionSource done) => () =>
        {
            var now = Interlocked.Add(ref _now, need);
            lock (Order) { Max = Math.Max(Max, now); Order.Add(name); }
            release.Wait(Timeout);
            Interlocked.Add(ref _now, -need);
            done.SetResult();
        };
    }

    [Fact]
    public async Task Work_starts_only_while_its_need_fits_the_budget_left_and_smaller_work_may_pass_larger()
    {
        using var slots = new SlotWorkers(4, memoryBudget: 10);
        var meter = new Meter();
        var gates = Enumerable.Range(0, 4).Select(_ => new ManualResetEventSlim()).ToArray();
        var done = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        slots.Post(meter.Work("a6", 6, gates[0], done[0]), 6);
        slots.Post(meter.Work("b6", 6, gates[1], done[1]), 6); // 12 > 10: waits for a
        slots.Post(meter.Work("c3", 3, gates[2], done[2]), 3); // 9 ≤ 10: passes b
        await WaitFor(() => slots.Reserved == 9 && slots.Waiting == 1);
        Assert.Equal(2, slots.Busy); // two of four slots busy: memory, not slots, holds b back

        gates[0].Set();
        await done[0].Task.WaitAsync(Timeout);
        await WaitFor(() => slots.Reserved == 9 && slots.Waiting == 0); // b took a's memory
        foreach (var g in gates) g.Set();
        await Task.WhenAll(done.Take(3).Select(d => d.Task)).WaitAsync(Timeout);
        Assert.Equal("b6", meter.Order[^1]); // a and c started together (in either order on their threads), b only after a
        Assert.Equal(9, meter.Max);
        await WaitFor(() => slots.Reserved == 0); // each slot gives its memory back just after its work signals done
    }

    [Fact]
    public async Task Work_larger_than_the_whole_budget_runs_alone_rather_than_never()
    {
        using var slots = new SlotWorkers(2, memoryBudget: 10);
        var meter = new Meter();
        var release = new ManualResetEventSlim();
        var small = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var huge = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slots.Post(meter.Work("small", 2, release, small), 2);
        await WaitFor(() => slots.Busy == 1);
        slots.Post(meter.Work("huge", 25, release, huge), 25);
        await WaitFor(() => slots.Waiting == 1);
        release.Set();
        await Task.WhenAll(small.Task, huge.Task).WaitAsync(Timeout);
        Assert.Equal(25, meter.Max); // never beside the small one
    }

    /// <summary>A trial process's executor: completes at once and reports a measured peak of its own.</summary>
    private sealed class MeasuringExecutor(long peak, ManualResetEventSlim? gate = null) : ITrialExecutor
    {
        public bool MeasuresItsOwnPeak => true;

        public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain)
        {
            gate?.Wait(ct);
            return new() { Id = spec.Id, State = TrialState.Completed, Metrics = new TrialMetrics { PeakMemoryBytes = peak } };
        }
    }

    [Fact]
    public async Task A_trial_already_waiting_for_a_slot_starts_with_the_need_its_recipe_measured_meanwhile()
    {
        using var slots = new SlotWorkers(1, memoryBudget: 300);
        var spec = Spec(0) with { Device = "cpu" };
        using var measuring = new ManualResetEventSlim();
        var first = TrialRun.Start(new MeasuringExecutor(peak: 250, measuring), spec, new NoCheckpoints(), slots, need: 100);
        await WaitFor(() => slots.Busy == 1);
        var gate = new GateExecutor();
        var waiting = TrialRun.Start(gate, spec with { Id = "t1", Seed = 2 }, new NoCheckpoints(), slots, need: 100);
        await WaitFor(() => slots.Waiting == 1);
        Assert.Equal(100, slots.Reserved);

        measuring.Set();
        await first.Completion.WaitAsync(Timeout);
        await gate.NextStarts(1);
        Assert.Equal(250, slots.Reserved); // posted needing 100, started needing what the first one measured
        gate.Release(1);
        await waiting.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Once_a_recipe_measured_twice_its_prediction_its_waiting_trials_need_what_it_measured()
    {
        using var slots = new SlotWorkers(3, memoryBudget: 300);
        TrialSpec Recipe(string data, int i) => Spec(i) with { Device = "cpu", Data = data };
        var first = TrialRun.Start(new MeasuringExecutor(peak: 200), Recipe("uci-sentiment", 0), new NoCheckpoints(), slots, need: 100);
        await first.Completion.WaitAsync(Timeout);
        Assert.Equal(200, slots.Peaks.NeedOf(Recipe("uci-sentiment", 5), 100));

        // three of the measured recipe (predicted 100 each, 300 together) now need 200 each: one at a time
        var gate = new GateExecutor();
        var runs = Enumerable.Range(1, 3).Select(i => TrialRun.Start(gate, Recipe("uci-sentiment", i), new NoCheckpoints(), slots, need: 100)).ToList();
        await gate.NextStarts(1);
        await QueuedWorkTaken(slots);
        Assert.Equal((1, 200L, 2), (gate.Started, slots.Reserved, slots.Waiting));
        gate.Release(3);
        await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(Timeout);
        Assert.Equal(1, gate.MaxRunning);

        // another recipe is still budgeted by its prediction: all three at once
        var other = new GateExecutor();
        runs = Enumerable.Range(1, 3).Select(i => TrialRun.Start(other, Recipe("toy-sentiment", i), new NoCheckpoints(), slots, need: 100)).ToList();
        await other.NextStarts(3);
        other.Release(3);
        await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(Timeout);
        Assert.Equal(3, other.MaxRunning);
    }

    private static Task WaitFor(Func<bool> condition) => Cluster.Eventually.Until(condition, Timeout, "the slots' expected state");

    [Fact]
    public async Task Executing_work_that_measures_more_than_its_need_holds_what_it_measured_until_it_ends()
    {
        using var slots = new SlotWorkers(2, memoryBudget: 1000);
        var reservation = new SlotReservation();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var releaseFirst = new ManualResetEventSlim();
        slots.Post(() => { firstRunning.SetResult(); releaseFirst.Wait(); }, () => 300, reservation);
        await firstRunning.Task.WaitAsync(Timeout);
        Assert.Equal(300, slots.Reserved);

        slots.Raise(reservation, 200); // less than its need: the need still holds
        Assert.Equal(300, slots.Reserved);
        slots.Raise(reservation, 900); // it measured 900: 300 more would exceed the budget
        Assert.Equal(900, slots.Reserved);
        var secondRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slots.Post(() => secondRan.SetResult(), 300);
        await Task.Delay(500);
        Assert.False(secondRan.Task.IsCompleted, "work started beside work that had measured 900 of a 1000 budget");
        Assert.Equal(1, slots.Waiting);

        releaseFirst.Set();
        await secondRan.Task.WaitAsync(Timeout);
        Assert.False(reservation.Executing); // the second started only once the first had given its memory back
        await WaitFor(() => slots.Reserved == 0); // the second's slot gives it back just after the work signals
        slots.Raise(reservation, 5000); // ended: nothing to raise
        Assert.Equal(0, slots.Reserved);
    }
}
