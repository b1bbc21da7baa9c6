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
}
