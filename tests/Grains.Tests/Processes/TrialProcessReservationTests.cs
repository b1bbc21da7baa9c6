using Sweep.Grains.Trials;
using Sweep.Grains.Trials.Processes;
using Sweep.Settings;
using Sweep.Training.Isolation;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Processes;

/// <summary>
/// A real tiny-bert trial process admitted on a prediction far below what it uses (1 MiB) to slots with a 64 MiB
/// budget: its progress messages carry its peak resident set so far, so the slots hold that, the silo learns it for the
/// recipe, and a second trial that would have fitted beside the prediction waits until the first one ends.
/// </summary>
[Category(Category.Training)]
public sealed class TrialProcessReservationTests : IDisposable
{
    private const long MiB = 1 << 20;
    private readonly TempDirectory _dir = new("proc-reserve");

    public void Dispose() => _dir.Dispose();

    private static TrialSpec Spec(string id, int steps) => new()
    {
        Id = id, Model = "tiny-bert", Data = "toy-sentiment", Preset = "B-FP", Seed = 1, Device = "cpu", Threads = 1,
        Training = new TrainingSettings { MaxSteps = steps, BatchSize = 8, MaxLength = 32, MaxEvalExamples = 16, WarmupSteps = 1 },
    };

    [Fact]
    public async Task A_trial_process_holds_its_measured_peak_on_the_silos_slots_while_it_runs()
    {
        var executor = new TrialProcessExecutor(new TrialProcessOptions(TrialChildCommand.ForThisProcess(), TimeSpan.FromMinutes(2),
            _dir.File("work"), new Dictionary<string, string> { [TrialFault.Variable] = "grow/:hang:3" })); // it stops at step 3
        var store = new LocalDirectoryCheckpointStore(_dir.File("ckpt"));
        using var slots = new SlotWorkers(2, memoryBudget: 64 * MiB);

        var first = TrialRun.Start(executor, Spec("grow/s1", steps: 6), store, slots, need: 1 * MiB);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (first.Latest is not { Phase: "train", Step: >= 2 } && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(first.Latest is { Step: >= 2 }, $"the trial process reported no training step (last: {first.Latest})");

        // the process's own resident set (runtime, libtorch, a tiny model): far above the 1 MiB it was admitted on
        Assert.InRange(slots.Reserved, 50 * MiB, 1024 * MiB);
        Assert.InRange(slots.Peaks.NeedOf(first.Recipe, 1 * MiB), 50 * MiB, 1024 * MiB);

        var second = TrialRun.Start(executor, Spec("other/s1", steps: 2), store, slots, need: 1 * MiB);
        await Task.Delay(1500);
        Assert.Null(second.Latest); // 1 MiB beside 1 MiB fits 64 MiB; beside what the first one measured it does not
        Assert.Equal(1, slots.Waiting);

        first.Cancel(byUser: true);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Completion.WaitAsync(TimeSpan.FromMinutes(1)));
        var result = await second.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(TrialState.Completed, result.State);
        Assert.True(result.Metrics.PeakMemoryBytes > 50 * MiB);
        await Cluster.Eventually.Until(() => slots.Reserved == 0, TimeSpan.FromSeconds(10), "the slots giving the memory back");
    }
}
