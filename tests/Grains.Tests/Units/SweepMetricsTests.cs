using System.Diagnostics.Metrics;
using Sweep.Analysis;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Experiments;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Telemetry;
using Sweep.Grains.Tests.Telemetry;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class SweepMetricsTests
{
    [Fact]
    public void Trials_by_state_and_queue_depth_come_from_the_experiments_books()
    {
        using var metrics = new SweepMetrics();
        var a = Book(("cuda", TrialState.Pending), ("cuda", TrialState.Pending), ("any", TrialState.Pending), ("cpu", TrialState.Running));
        var b = Book(("cuda", TrialState.Pending), ("cpu", TrialState.Completed));
        metrics.SetExperiment("a", ExperimentSnapshot.Of(a, 4, new Dictionary<string, TrialProgressInfo>()));
        metrics.SetExperiment("b", ExperimentSnapshot.Of(b, 4, new Dictionary<string, TrialProgressInfo>()));

        var seen = Observe(metrics);

        Assert.Contains(("sweep.trials", 2, "experiment=a,accelerator=cuda,state=Pending"), seen);
        Assert.Contains(("sweep.trials", 1, "experiment=a,accelerator=cpu,state=Running"), seen);
        Assert.Contains(("sweep.trials", 1, "experiment=b,accelerator=cpu,state=Completed"), seen);
        // summed over experiments; every kind published, 0 when nothing waits for it
        Assert.Contains(("sweep.queued_trials", 3, "accelerator=cuda"), seen);
        Assert.Contains(("sweep.queued_trials", 0, "accelerator=mps"), seen);
        Assert.Contains(("sweep.queued_trials", 0, "accelerator=cpu"), seen);
        Assert.Contains(("sweep.queued_trials", 1, "accelerator=any"), seen);

        metrics.RemoveExperiment("a");
        Assert.Contains(("sweep.queued_trials", 1, "accelerator=cuda"), Observe(metrics));
    }

    [Fact]
    public void The_queue_counts_only_the_pending_trials_the_sweeps_concurrency_lets_start_now()
    {
        using var metrics = new SweepMetrics();
        // concurrency 3 with 1 running: the first 2 pending in dispatch order are ready (cpu, any); the other 3 wait
        var a = Book(("cpu", TrialState.Running), ("cpu", TrialState.Pending), ("any", TrialState.Pending),
            ("cpu", TrialState.Pending), ("any", TrialState.Pending), ("cpu", TrialState.Pending));
        // more running than the concurrency (a spec resubmitted with less): nothing is ready, not a negative count
        var b = Book(("cpu", TrialState.Running), ("cpu", TrialState.Running), ("cpu", TrialState.Pending));
        metrics.SetExperiment("a", ExperimentSnapshot.Of(a, 3, new Dictionary<string, TrialProgressInfo>()));
        metrics.SetExperiment("b", ExperimentSnapshot.Of(b, 1, new Dictionary<string, TrialProgressInfo>()));

        var seen = Observe(metrics);

        Assert.Contains(("sweep.queued_trials", 1, "accelerator=cpu"), seen);
        Assert.Contains(("sweep.queued_trials", 1, "accelerator=any"), seen);
        Assert.Contains(("sweep.trials", 3, "experiment=a,accelerator=cpu,state=Pending"), seen);

        // a trial finishing frees a place: the next pending one becomes ready
        a.Accept(new TrialOutcome { Id = "t/B-FP/r8/s0", Task = "t", Preset = "B-FP", State = TrialState.Completed, FinishedAt = DateTimeOffset.UtcNow });
        metrics.SetExperiment("a", ExperimentSnapshot.Of(a, 3, new Dictionary<string, TrialProgressInfo>()));
        Assert.Contains(("sweep.queued_trials", 2, "accelerator=cpu"), Observe(metrics));
    }

    [Fact]
    public void A_worker_silo_publishes_slots_and_memory_but_no_queue()
    {
        using var metrics = new SweepMetrics();
        metrics.AttachSilo(new FixedSiloReadings { IsControl = false, Slots = 4, UsedSlots = 3, Accelerator = "cuda", Silo = "10.0.0.7:11111" });

        var seen = Observe(metrics);

        Assert.Contains(("sweep.slots", 3, "silo=10.0.0.7:11111,accelerator=cuda,state=used"), seen);
        Assert.Contains(("sweep.slots", 1, "silo=10.0.0.7:11111,accelerator=cuda,state=free"), seen);
        Assert.Contains(("sweep.device.memory.capacity", 8L << 30, "silo=10.0.0.7:11111,accelerator=cuda"), seen);
        Assert.Contains(("sweep.tokens_per_second", 12_800, "silo=10.0.0.7:11111,accelerator=cuda"), seen);
        Assert.DoesNotContain(seen, s => s.Name == "sweep.queued_trials");
    }

    [Fact]
    public void P_values_leave_out_per_seed_tests_and_verdicts_are_one_hot()
    {
        using var metrics = new SweepMetrics();
        metrics.SetAnalysis("e", new AnalysisReport([],
        [
            new Sweep.Analysis.Comparison("t", "accuracy", "B-FP", "B-Q4", "paired_t", 3, 1, 0.04, 0.08, "d", 0.1, 0.1, 0, 0.2),
            new Sweep.Analysis.Comparison("t", "accuracy", "B-FP", "B-Q4", "mcnemar_exact", 200, 1, 0.5, 0.5, "d", 0.1, 0.1, 0, 0.2, Seed: 1),
        ], [new ClaimVerdict("C2", "text", Verdict.Refuted, "e")]));

        var seen = Observe(metrics);

        Assert.Contains(("sweep.comparison.p_value", 0.04, "experiment=e,task=t,metric=accuracy,baseline=B-FP,preset=B-Q4,test=paired_t"), seen);
        Assert.DoesNotContain(seen, s => s.Tags.Contains("mcnemar_exact"));
        Assert.Contains(("sweep.claim.verdict", 1, "experiment=e,claim=C2,verdict=refuted"), seen);
        Assert.Contains(("sweep.claim.verdict", 0, "experiment=e,claim=C2,verdict=supported"), seen);
    }

    [Fact]
    public void Results_durations_attempts_and_checkpoints_are_counted()
    {
        using var metrics = new SweepMetrics();
        var seen = new List<(string Name, double Value, string Tags)>();
        using var listener = Listen(metrics, seen);
        var start = DateTimeOffset.UtcNow;
        metrics.RecordResult("e", new TrialOutcome { Id = "t", Task = "t", Preset = "B-FP", State = TrialState.Completed, StartedAt = start, FinishedAt = start.AddSeconds(42) });
        metrics.RecordAttempt("cpu");
        metrics.RecordRetry("cpu");
        metrics.RecordCheckpoint("cpu", 0.25, 1000);

        Assert.Contains(("sweep.trial.results", 1, "experiment=e,preset=B-FP,state=Completed"), seen);
        Assert.Contains(("sweep.trial.duration", 42, "preset=B-FP,state=Completed"), seen);
        Assert.Contains(("sweep.trial.attempts", 1, "accelerator=cpu"), seen);
        Assert.Contains(("sweep.trial.retries", 1, "accelerator=cpu"), seen);
        Assert.Contains(("sweep.checkpoint.write.duration", 0.25, "accelerator=cpu"), seen);
        Assert.Contains(("sweep.checkpoint.written", 1000, "accelerator=cpu"), seen);
    }

    private static ExperimentBook Book(params (string Accelerator, TrialState State)[] trials) =>
        new(trials.Select((t, i) => new TrialEntry
        {
            Plan = new TrialPlan { Id = $"t/B-FP/r8/s{i}", Task = "t", Preset = "B-FP", Seed = i, Placement = new PlacementSpec { Accelerator = t.Accelerator } },
            State = t.State,
        }).ToList());

    private static List<(string Name, double Value, string Tags)> Observe(SweepMetrics metrics)
    {
        var seen = new List<(string Name, double Value, string Tags)>();
        using var listener = Listen(metrics, seen);
        listener.RecordObservableInstruments();
        return seen;
    }

    private static MeterListener Listen(SweepMetrics metrics, List<(string Name, double Value, string Tags)> seen)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter == metrics.Meter) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.Start();
        return listener;
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var t in tags) parts.Add($"{t.Key}={t.Value}");
        return string.Join(",", parts);
    }
}
