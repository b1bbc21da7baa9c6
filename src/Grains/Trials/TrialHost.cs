using Sweep.Grains.Aggregation;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Telemetry;

namespace Sweep.Grains.Trials;

/// <summary>What trial grains on this silo share: the executor, the artifact store, the slot threads, the retry timing, the device and the metrics;
/// <see cref="BaseCacheDirectory"/> is where pretrained bases are read out of the artifact store for the trials that adapt them.</summary>
public sealed record TrialHost(
    ITrialExecutor Executor,
    IArtifactStore Artifacts,
    SlotWorkers Slots,
    TimeSpan RetryBaseDelay,
    TimeSpan RetryMaxDelay,
    string Accelerator,
    string SiloName,
    TimeSpan ProgressInterval)
{
    public required SweepMetrics Metrics { get; init; }
    /// <summary>The attempts holding or waiting for a slot, read by the throughput gauges.</summary>
    public required RunningTrials Running { get; init; }
    /// <summary>This silo's drain: while it runs no attempt starts here and running ones are handed back.</summary>
    public required SiloDrain Drain { get; init; }
    public string BaseCacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "sweep-bases");
}
