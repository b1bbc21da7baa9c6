using Sweep.Grains.Trials;
using Sweep.Training.Trials;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

public sealed class SlotWorkersTests
{
    /// <summary>Blocks each run until released, counting how many execute at once.</summary>
    private sealed class GateExecutor : ITrialExecutor
    {
        private readonly SemaphoreSlim _release = new(0);
        private int _running;
        public int MaxRunning;
        public int Started;

        public void Release(int n) => _release.Release(n);

        public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints)
        {
            var now = Interlocked.Increment(ref _running);
            Interlocked.Increment(ref Started);
            lock (this) MaxRunning = Math.Max(MaxRunning, now);
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

    [Fact]
    public async Task No_more_runs_execute_at_once_than_slots_and_queued_runs_all_finish()
    {
        using var slots = new SlotWorkers(2);
        var executor = new GateExecutor();
        var runs = Enumerable.Range(0, 6).Select(i => TrialRun.Start(executor, Spec(i), new NoCheckpoints(), slots)).ToList();
        await Eventually(() => executor.Started == 2);
        await Task.Delay(50);
        Assert.Equal(2, executor.Started); // the other four wait for a slot

        executor.Release(6);
        var results = await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(results, r => Assert.Equal(TrialState.Completed, r.State));
        Assert.Equal(2, executor.MaxRunning);
    }

    [Fact]
    public async Task A_run_cancelled_while_it_waits_for_a_slot_ends_at_once_and_never_executes()
    {
        using var slots = new SlotWorkers(1);
        var executor = new GateExecutor();
        var busy = TrialRun.Start(executor, Spec(1), new NoCheckpoints(), slots);
        await Eventually(() => executor.Started == 1);
        var waiting = TrialRun.Start(executor, Spec(2), new NoCheckpoints(), slots);

        waiting.Cancel(byUser: true);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(waiting.CancelledByUser);

        executor.Release(1);
        Assert.Equal(TrialState.Completed, (await busy.Completion.WaitAsync(TimeSpan.FromSeconds(5))).State);
        await Task.Delay(50);
        Assert.Equal(1, executor.Started); // the slot, once free, skipped the cancelled run
    }

    [Fact]
    public async Task Cancelling_an_executing_run_stops_it_and_frees_its_slot()
    {
        using var slots = new SlotWorkers(1);
        var executor = new GateExecutor();
        var first = TrialRun.Start(executor, Spec(1), new NoCheckpoints(), slots);
        await Eventually(() => executor.Started == 1);
        first.Cancel(byUser: false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(first.CancelledByUser);

        var second = TrialRun.Start(executor, Spec(2), new NoCheckpoints(), slots);
        executor.Release(1);
        Assert.Equal(TrialState.Completed, (await second.Completion.WaitAsync(TimeSpan.FromSeconds(5))).State);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 10 s");
            await Task.Delay(5);
        }
    }
}
