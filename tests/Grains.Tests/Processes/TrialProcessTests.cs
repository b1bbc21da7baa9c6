using Sweep.Grains.Trials.Processes;
using Sweep.Settings;
using Sweep.Training;
using Sweep.Training.Isolation;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Processes;

/// <summary>
/// Real tiny-bert trials in real child processes (sweep-silo.dll from the test folder, re-invoked with the hidden verb),
/// supervised by <see cref="TrialProcessExecutor"/>: the same numbers as in-process, checkpoints handed back and resumed,
/// each failure named, cancel ends the process.
/// </summary>
[Category(Category.Training)]
public sealed class TrialProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new("procs");

    public void Dispose() => _dir.Dispose();

    private static TrialSpec Spec(string id, int steps = 6, int checkpointEvery = 0) => new()
    {
        Id = id, Model = "tiny-bert", Data = "toy-sentiment", Preset = "B-FP", Seed = 1, Device = "cpu", Threads = 1,
        CheckpointEvery = checkpointEvery,
        Training = new TrainingSettings { MaxSteps = steps, BatchSize = 8, MaxLength = 32, MaxEvalExamples = 32, WarmupSteps = 1 },
    };

    private TrialProcessExecutor Executor(string? faults = null, int hangSeconds = 120, TrialAllocator? allocator = null) => new(new TrialProcessOptions(
        TrialChildCommand.ForThisProcess(), TimeSpan.FromSeconds(hangSeconds), _dir.File("work"),
        faults is null ? null : new Dictionary<string, string> { [TrialFault.Variable] = faults }, allocator));

    private sealed class Steps : IProgress<TrialProgress>
    {
        public List<int> Seen { get; } = [];
        public void Report(TrialProgress value) { lock (Seen) Seen.Add(value.Step); }
    }

    [Fact]
    public void A_trial_in_its_own_process_gives_the_in_process_numbers_and_its_own_peak_memory()
    {
        var steps = new Steps();
        var isolated = Executor().Execute(Spec("same/s1"), steps, CancellationToken.None, new LocalDirectoryCheckpointStore(_dir.File("a")));
        var inProcess = new TrialRunner().Run(Spec("same/s1"), null, CancellationToken.None);

        Assert.Equal(TrialState.Completed, isolated.State);
        Assert.Equal(inProcess.Metrics.Accuracy, isolated.Metrics.Accuracy);
        Assert.Equal(inProcess.LossCurve.Select(p => p[1]), isolated.LossCurve.Select(p => p[1]));
        Assert.Equal(inProcess.EvalPredictions, isolated.EvalPredictions);
        Assert.Contains(6, steps.Seen);
        // the child's own resident peak: the runtime, libtorch and a tiny model — well above nothing, far below a GiB
        Assert.InRange(isolated.Metrics.PeakMemoryBytes, 50L << 20, 1L << 30);
    }

    [Fact]
    public void A_trial_process_allocates_with_the_silos_allocator_names_it_and_computes_the_same_numbers()
    {
        var jemalloc = TrialAllocator.Resolve(TrialAllocator.Jemalloc, out var missing)
            ?? throw new InvalidOperationException($"this test needs jemalloc: {missing}");
        var withJemalloc = Executor(allocator: jemalloc).Execute(Spec("alloc/s1"), new Steps(), CancellationToken.None, new LocalDirectoryCheckpointStore(_dir.File("j")));
        var withSystem = Executor(allocator: TrialAllocator.SystemMalloc).Execute(Spec("alloc/s1"), new Steps(), CancellationToken.None, new LocalDirectoryCheckpointStore(_dir.File("s")));

        Assert.Equal("jemalloc", withJemalloc.Allocator);
        Assert.Equal("glibc", withSystem.Allocator);
        Assert.Equal(withSystem.LossCurve.Select(p => p[1]), withJemalloc.LossCurve.Select(p => p[1]));
        Assert.Equal(withSystem.EvalPredictions, withJemalloc.EvalPredictions);
    }

    [Fact]
    public void Checkpoints_come_back_to_the_silo_and_a_retry_resumes_from_them_with_the_uninterrupted_numbers()
    {
        var store = new LocalDirectoryCheckpointStore(_dir.File("ckpt"));
        var executor = Executor(faults: "resume/:crash:5");
        var crash = Assert.Throws<TrialProcessFailedException>(() => executor.Execute(Spec("resume/s1", 8, checkpointEvery: 2), new Steps(), CancellationToken.None, store));
        Assert.Equal("crashed: SIGSEGV at step 5", crash.Message);
        Assert.NotNull(store.Load("resume/s1")); // steps 2 and 4 were handed back before the crash

        var steps = new Steps();
        var resumed = executor.Execute(Spec("resume/s1", 8, checkpointEvery: 2), steps, CancellationToken.None, store);
        var straight = new TrialRunner().Run(Spec("resume/s1", 8), null, CancellationToken.None);
        Assert.Equal(TrialState.Completed, resumed.State);
        Assert.DoesNotContain(1, steps.Seen.Where(s => s > 0)); // started after the checkpoint of step 4
        Assert.Equal(straight.Metrics.Accuracy, resumed.Metrics.Accuracy);
        Assert.Equal(straight.LossCurve.Last()[1], resumed.LossCurve.Last()[1]);
    }

    [Theory]
    [InlineData("oom", "out of memory at step 3")]
    [InlineData("exit", "exited with code 7 at step 3")]
    public void A_failing_process_ends_the_attempt_with_its_reason(string fault, string reason)
    {
        var e = Assert.Throws<TrialProcessFailedException>(() =>
            Executor(faults: $"fail/:{fault}:3").Execute(Spec($"fail/{fault}"), new Steps(), CancellationToken.None, new LocalDirectoryCheckpointStore(_dir.File(fault))));
        Assert.StartsWith(reason, e.Message);
    }

    [Fact]
    public void A_silent_process_is_ended_after_the_hang_timeout()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<TrialProcessFailedException>(() =>
            Executor(faults: "hang/:hang:2", hangSeconds: 60).Execute(Spec("hang/s1"), new Steps(), CancellationToken.None, new LocalDirectoryCheckpointStore(_dir.File("hang"))));
        Assert.Equal("no progress for 60 s at step 2; its process tree was ended", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
        Assert.Empty(Directory.GetDirectories(_dir.File("work"))); // the attempt's folder is gone with it
    }

    [Fact]
    public void Cancel_ends_the_process_and_the_attempt_as_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var steps = new Steps();
        var progress = new Progress(p => { if (p.Step >= 2) cts.Cancel(); }, steps);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Executor(faults: "cancel/:hang:3").Execute(Spec("cancel/s1"), progress, cts.Token, new LocalDirectoryCheckpointStore(_dir.File("c"))));
    }

    [Fact]
    public void Bad_input_inside_the_process_stays_bad_input()
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            Executor().Execute(Spec("bad/s1") with { Data = "sst2:/nonexistent/sweep" }, new Steps(), CancellationToken.None, new LocalDirectoryCheckpointStore(_dir.File("b"))));
        Assert.Contains("/nonexistent/sweep", e.Message);
    }

    private sealed class Progress(Action<TrialProgress> act, Steps steps) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) { steps.Report(value); act(value); }
    }
}
