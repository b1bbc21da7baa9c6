using System.Diagnostics.Metrics;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class SweepMetricsTests
{
    [Fact]
    public void Publishes_states_durations_and_queue_depth_on_the_Sweep_meter()
    {
        using var metrics = new SweepMetrics();
        var seen = new List<(string Name, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter == GetMeter(metrics)) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.Start();

        metrics.MoveTrial(null, TrialState.Pending);
        metrics.MoveTrial(TrialState.Pending, TrialState.Running);
        metrics.SetQueueDepth("e1", new Dictionary<string, int> { ["cuda"] = 3, ["any"] = 1 });
        metrics.SetQueueDepth("e2", new Dictionary<string, int> { ["cuda"] = 2 });
        var start = DateTimeOffset.UtcNow;
        metrics.RecordResult(new TrialOutcome
        {
            Id = "t", Task = "t", Preset = "B-FP", State = TrialState.Completed, StartedAt = start, FinishedAt = start.AddSeconds(42),
            Metrics = new Dictionary<string, double> { ["samples_per_second"] = 123 },
        });
        metrics.RecordComparison("sst2", "B-FP", "B-Q4");
        listener.RecordObservableInstruments();

        Assert.Contains(("sweep.trials", -1, "state=Pending"), seen);
        Assert.Contains(("sweep.trials", 1, "state=Running"), seen);
        Assert.Contains(("sweep.trial.duration", 42, "state=Completed,preset=B-FP"), seen);
        Assert.Contains(("sweep.trial.samples_per_second", 123, "state=Completed,preset=B-FP"), seen);
        Assert.Contains(("sweep.queue.depth", 5, "accelerator=cuda"), seen);
        Assert.Contains(("sweep.queue.depth", 1, "accelerator=any"), seen);
        Assert.Contains(("sweep.comparisons.analyzed", 1, "task=sst2,baseline=B-FP,preset=B-Q4"), seen);
        Assert.Equal("Sweep", GetMeter(metrics).Name);
    }

    private static Meter GetMeter(SweepMetrics m) => m.Meter;

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var t in tags) parts.Add($"{t.Key}={t.Value}");
        return string.Join(",", parts);
    }
}
