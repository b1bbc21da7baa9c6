using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Aggregation;

/// <summary>
/// The OpenTelemetry instruments of a silo, on the <see cref="Meter"/> named <c>Sweep</c> (exported by the
/// Prometheus endpoint): trials by state, trial duration (explicit second buckets), queue depth per accelerator,
/// samples per second, results into aggregation, comparisons analysed.
/// </summary>
public sealed class SweepMetrics : IDisposable
{
    public const string MeterName = "Sweep";

    /// <summary>Bucket bounds of the trial duration histogram, in seconds: from a test's ms-long trials to a paper run's hours.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.01, 0.1, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400];

    private readonly Meter _meter;
    public Meter Meter => _meter;
    private readonly UpDownCounter<long> _trials;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _samplesPerSecond;
    private readonly Counter<long> _results;
    private readonly Counter<long> _comparisons;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, int>> _queues = new();

    public SweepMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _trials = _meter.CreateUpDownCounter<long>("sweep.trials", "{trial}", "Trials by state");
        _duration = _meter.CreateHistogram<double>("sweep.trial.duration", "s", "Wall time of a finished trial, all attempts",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _samplesPerSecond = _meter.CreateHistogram<double>("sweep.trial.samples_per_second", "{sample}/s", "Training throughput of a completed trial");
        _results = _meter.CreateCounter<long>("sweep.results", "{result}", "Final trial results received by aggregation");
        _comparisons = _meter.CreateCounter<long>("sweep.comparisons.analyzed", "{comparison}", "Comparisons (preset vs baseline on a task) analysed once all their trials finished");
        _meter.CreateObservableGauge("sweep.queue.depth", ObserveQueues, "{trial}", "Pending trials per accelerator kind");
    }

    public void MoveTrial(TrialState? from, TrialState to)
    {
        if (from is { } f) _trials.Add(-1, new KeyValuePair<string, object?>("state", f.ToString()));
        _trials.Add(1, new KeyValuePair<string, object?>("state", to.ToString()));
    }

    public void SetQueueDepth(string experimentId, IReadOnlyDictionary<string, int> pendingPerAccelerator) => _queues[experimentId] = pendingPerAccelerator;

    public void RecordResult(TrialOutcome outcome)
    {
        var tags = new[] { new KeyValuePair<string, object?>("state", outcome.State.ToString()), new("preset", outcome.Preset) };
        _results.Add(1, tags);
        if (outcome.StartedAt is { } start) _duration.Record((outcome.FinishedAt - start).TotalSeconds, tags);
        if (outcome.State == TrialState.Completed && outcome.Metrics.TryGetValue("samples_per_second", out var sps)) _samplesPerSecond.Record(sps, tags);
    }

    public void RecordComparison(string task, string baseline, string preset) =>
        _comparisons.Add(1, new KeyValuePair<string, object?>("task", task), new("baseline", baseline), new("preset", preset));

    private IEnumerable<Measurement<long>> ObserveQueues() =>
        _queues.Values.SelectMany(q => q).GroupBy(kv => kv.Key)
            .Select(g => new Measurement<long>(g.Sum(kv => kv.Value), new KeyValuePair<string, object?>("accelerator", g.Key)));

    public void Dispose() => _meter.Dispose();
}
