using Sweep.Grains.Artifacts;

namespace Sweep.Grains.Trials;

/// <summary>What trial grains on this silo share: the executor, the artifact store, the slot threads, the retry timing and the device;
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
    public string BaseCacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "sweep-bases");
}
