using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Sweep.Analysis;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Telemetry;
using Sweep.Settings;

namespace Sweep.Grains.Aggregation;

/// <summary>
/// The instruments of a silo, on the <see cref="Meter"/> named <c>Sweep</c>, exported at <c>/metrics</c> (docs/metrics.md
/// lists each with its Prometheus name). Control silos publish what their experiment and aggregation grains know (trials by
/// state, queue depth, per-preset progress, p-values, verdicts, results); worker silos what their slots do (slots, throughput,
/// attempts, retries, hand-backs, checkpoints, device memory). Grains push snapshots and counts here; the exporter reads them when
/// scraped, on its own thread, so everything observed is immutable or concurrent.
/// </summary>
public sealed class SweepMetrics : IDisposable
{
    public const string MeterName = "Sweep";

    /// <summary>Bucket bounds of the trial duration histogram, in seconds: from a test's ms-long trials to a paper run's hours.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.01, 0.1, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800];

    /// <summary>Bucket bounds of the checkpoint write histogram, in seconds: a small adapter on local disk to a large one over the network.</summary>
    public static readonly IReadOnlyList<double> CheckpointBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60];

    private readonly Meter _meter;
    private readonly Counter<long> _results;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _comparisons;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _handedBack;
    private readonly Histogram<double> _checkpointSeconds;
    private readonly Counter<long> _checkpointBytes;
    private readonly ConcurrentDictionary<string, ExperimentSnapshot> _experiments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AnalysisSnapshot> _analyses = new(StringComparer.Ordinal);
    private ISiloReadings? _silo;

    public Meter Meter => _meter;

    public SweepMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        // control silos: experiments and aggregation
        _meter.CreateObservableGauge("sweep.trials", ObserveTrials, "{trial}", "Trials of an experiment by state and the accelerator they ask for");
        _meter.CreateObservableGauge("sweep.queued_trials", ObserveQueue, "{trial}",
            "Pending trials ready to start now (within their sweep's concurrency) that only silos of this accelerator kind can take (any: trials every kind can take)");
        _meter.CreateObservableGauge("sweep.worker_silos", ObserveWorkers, "{silo}", "Live worker silos by accelerator, as the control silo sees the cluster");
        _meter.CreateObservableGauge("sweep.preset.loss", ObservePresetLoss, null, "Mean latest training loss of a preset's running trials");
        _meter.CreateObservableGauge("sweep.preset.samples_per_second", ObservePresetSamples, null, "Training samples per second of a preset's running trials, summed");
        _meter.CreateObservableGauge("sweep.comparison.p_value", ObservePValues, null, "Latest p-value of a comparison (preset against the baseline on a task and metric, one test)");
        _meter.CreateObservableGauge("sweep.claim.verdict", ObserveVerdicts, null, "1 for a claim's current verdict, 0 for the other verdicts");
        _results = _meter.CreateCounter<long>("sweep.trial.results", "{trial}", "Final trial results received by aggregation");
        _duration = _meter.CreateHistogram<double>("sweep.trial.duration", "s", "Wall time of a finished trial, first start to end, all attempts",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _comparisons = _meter.CreateCounter<long>("sweep.comparisons.analyzed", "{comparison}", "Comparisons (preset vs baseline on a task) analysed once all their trials finished");
        // worker silos: slots and the trials on them
        _meter.CreateObservableGauge("sweep.slots", ObserveSlots, "{slot}", "Trial slots of a silo, used or free");
        _meter.CreateObservableGauge("sweep.memory.budget", ObserveBudget, "By",
            "A silo's memory budget, reserved by the needs (predicted peaks) of the trials executing there, or free");
        _meter.CreateObservableGauge("sweep.samples_per_second", () => ObserveThroughput(false), null, "Training samples per second of the trials running on a silo");
        _meter.CreateObservableGauge("sweep.tokens_per_second", () => ObserveThroughput(true), null, "Training tokens per second of the trials running on a silo (samples × sequence length)");
        _meter.CreateObservableGauge("sweep.device.memory.used", () => ObserveMemory(capacity: false), "By", "Device memory in use on a silo (CUDA: the whole device; CPU, MPS: this process)");
        _meter.CreateObservableGauge("sweep.device.memory.capacity", () => ObserveMemory(capacity: true), "By", "Device memory a silo advertises to placement");
        _attempts = _meter.CreateCounter<long>("sweep.trial.attempts", "{attempt}", "Trial attempts started on a silo (first runs and retries)");
        _retries = _meter.CreateCounter<long>("sweep.trial.retries", "{retry}", "Failed trial attempts that are retried");
        _handedBack = _meter.CreateCounter<long>("sweep.trial.handed_back", "{attempt}", "Trial attempts a draining silo checkpointed and handed back to resume elsewhere");
        _checkpointSeconds = _meter.CreateHistogram<double>("sweep.checkpoint.write.duration", "s", "Time to write one checkpoint to the artifact store",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CheckpointBuckets });
        _checkpointBytes = _meter.CreateCounter<long>("sweep.checkpoint.written", "By", "Checkpoint bytes written to the artifact store");
    }

    /// <summary>Connects the silo-level readings (slots, throughput, memory, workers, role). Without them the silo counts as a control silo with no slots.</summary>
    public void AttachSilo(ISiloReadings readings) => _silo = readings;

    /// <summary>Publishes the worker counters at 0 for this silo's accelerator, so that their series exist (and rates are
    /// defined) before the first attempt, retry or checkpoint.</summary>
    public void StartWorkerCounters()
    {
        if (_silo is not { Slots: > 0 } s) return;
        var tag = new KeyValuePair<string, object?>("accelerator", s.Accelerator);
        _attempts.Add(0, tag);
        _retries.Add(0, tag);
        _handedBack.Add(0, tag);
        _checkpointBytes.Add(0, tag);
    }

    public void SetExperiment(string experimentId, ExperimentSnapshot snapshot) => _experiments[experimentId] = snapshot;

    /// <summary>Drops an experiment's gauges (its grain deactivated; the control silo that activates it next publishes them).</summary>
    public void RemoveExperiment(string experimentId) => _experiments.TryRemove(experimentId, out _);

    /// <summary>Drops an experiment's p-values and verdicts (its aggregation grain deactivated).</summary>
    public void RemoveAnalysis(string experimentId) => _analyses.TryRemove(experimentId, out _);

    public void RecordResult(string experimentId, TrialOutcome outcome)
    {
        _results.Add(1, new("experiment", experimentId), new("preset", outcome.Preset), new("state", outcome.State.ToString()));
        if (outcome.StartedAt is { } start)
            _duration.Record((outcome.FinishedAt - start).TotalSeconds, new KeyValuePair<string, object?>("preset", outcome.Preset), new("state", outcome.State.ToString()));
    }

    public void RecordComparison(string task, string baseline, string preset) =>
        _comparisons.Add(1, new KeyValuePair<string, object?>("task", task), new("baseline", baseline), new("preset", preset));

    /// <summary>The latest analysis of an experiment: its p-values (one per comparison and test; per-seed tests left out) and verdicts.</summary>
    public void SetAnalysis(string experimentId, AnalysisReport report) => _analyses[experimentId] = AnalysisSnapshot.Of(report);

    public void RecordAttempt(string accelerator) => _attempts.Add(1, new KeyValuePair<string, object?>("accelerator", accelerator));

    public void RecordRetry(string accelerator) => _retries.Add(1, new KeyValuePair<string, object?>("accelerator", accelerator));

    public void RecordHandBack(string accelerator) => _handedBack.Add(1, new KeyValuePair<string, object?>("accelerator", accelerator));

    public void RecordCheckpoint(string accelerator, double seconds, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("accelerator", accelerator);
        _checkpointSeconds.Record(seconds, tag);
        _checkpointBytes.Add(bytes, tag);
    }

    private bool IsControl => _silo?.IsControl ?? true;

    /// <summary>Every state of each accelerator an experiment's trials ask for, 0 where none is, so a dashboard sees a state empty out.</summary>
    private IEnumerable<Measurement<long>> ObserveTrials() =>
        _experiments.SelectMany(e => e.Value.Trials.Keys.Select(k => k.Accelerator).Distinct().SelectMany(accelerator =>
            Enum.GetValues<TrialState>().Select(state => new Measurement<long>(e.Value.Trials.GetValueOrDefault((accelerator, state)),
                new("experiment", e.Key), new("accelerator", accelerator), new("state", state.ToString())))));

    /// <summary>The trials ready to start now, summed over experiments, for every accelerator kind (0 when none is), so the
    /// autoscaler's series exists before any worker or sweep does.</summary>
    private IEnumerable<Measurement<long>> ObserveQueue()
    {
        if (!IsControl) yield break;
        foreach (var kind in Accelerators.Kinds.Append(Accelerators.Any))
            yield return new Measurement<long>(_experiments.Values.Sum(e => (long)e.Ready.GetValueOrDefault(kind)), new KeyValuePair<string, object?>("accelerator", kind));
    }

    private IEnumerable<Measurement<long>> ObserveWorkers()
    {
        if (!IsControl || _silo is null) yield break;
        var live = _silo.LiveWorkers();
        foreach (var kind in Accelerators.Kinds)
            yield return new Measurement<long>(live.Count(w => w.Accelerator == kind), new KeyValuePair<string, object?>("accelerator", kind));
    }

    private IEnumerable<Measurement<double>> ObservePresetLoss() =>
        _experiments.SelectMany(e => e.Value.Presets.Where(p => double.IsFinite(p.MeanLoss)).Select(p => new Measurement<double>(p.MeanLoss,
            new("experiment", e.Key), new("task", p.Task), new("preset", p.Preset))));

    private IEnumerable<Measurement<double>> ObservePresetSamples() =>
        _experiments.SelectMany(e => e.Value.Presets.Select(p => new Measurement<double>(p.SamplesPerSecond,
            new("experiment", e.Key), new("task", p.Task), new("preset", p.Preset))));

    private IEnumerable<Measurement<double>> ObservePValues() =>
        _analyses.SelectMany(a => a.Value.PValues.Select(p => new Measurement<double>(p.P,
            new("experiment", a.Key), new("task", p.Task), new("metric", p.Metric), new("baseline", p.Baseline), new("preset", p.Preset), new("test", p.Test))));

    private IEnumerable<Measurement<long>> ObserveVerdicts() =>
        _analyses.SelectMany(a => a.Value.Verdicts.SelectMany(c => AnalysisSnapshot.VerdictNames.Select(v => new Measurement<long>(v == c.Verdict ? 1 : 0,
            new("experiment", a.Key), new("claim", c.Claim), new("verdict", v)))));

    private IEnumerable<Measurement<long>> ObserveSlots()
    {
        if (_silo is not { Slots: > 0 } s) yield break;
        var used = Math.Min(s.UsedSlots, s.Slots);
        yield return new Measurement<long>(used, new("silo", s.Silo), new("accelerator", s.Accelerator), new("state", "used"));
        yield return new Measurement<long>(s.Slots - used, new("silo", s.Silo), new("accelerator", s.Accelerator), new("state", "free"));
    }

    private IEnumerable<Measurement<long>> ObserveBudget()
    {
        if (_silo is not { Slots: > 0, MemoryBudget: > 0 } s) yield break;
        var reserved = s.MemoryReserved();
        yield return new Measurement<long>(reserved, new("silo", s.Silo), new("accelerator", s.Accelerator), new("state", "reserved"));
        yield return new Measurement<long>(Math.Max(0, s.MemoryBudget - reserved), new("silo", s.Silo), new("accelerator", s.Accelerator), new("state", "free"));
    }

    private IEnumerable<Measurement<double>> ObserveThroughput(bool tokens)
    {
        if (_silo is not { Slots: > 0 } s) yield break;
        var (samples, tokenCount) = s.Throughput();
        yield return new Measurement<double>(tokens ? tokenCount : samples, new("silo", s.Silo), new("accelerator", s.Accelerator));
    }

    private IEnumerable<Measurement<long>> ObserveMemory(bool capacity)
    {
        if (_silo is not { Slots: > 0 } s) yield break;
        yield return new Measurement<long>(capacity ? s.DeviceMemory : s.DeviceMemoryUsed(), new("silo", s.Silo), new("accelerator", s.Accelerator));
    }

    public void Dispose() => _meter.Dispose();
}
