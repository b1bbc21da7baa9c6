using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// Runs one trial to its result on the calling (dedicated) thread. Implementations: <see cref="TrainingTrialExecutor"/>
/// (the TorchSharp training core) and <see cref="SimulatedTrialExecutor"/> (fixed work per step, for orchestration tests and benchmarks).
/// Throws <see cref="OperationCanceledException"/> when <paramref name="ct"/> fires, <see cref="TrialDrainedException"/> once it
/// has saved a checkpoint at the current step after <paramref name="drain"/> fired, <see cref="Training.InvalidInputException"/>
/// for input that no retry can fix, anything else for failures worth retrying.
/// </summary>
public interface ITrialExecutor
{
    /// <param name="checkpoints">where to save every N steps; the executor resumes from its last checkpoint.</param>
    /// <param name="drain">the silo is draining: checkpoint now and stop (an executor that cannot is stopped by <paramref name="ct"/> when the drain runs out).</param>
    TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain = default);

    /// <summary>True when a result's peak memory is the trial's alone (it ran in its own process), so that the silo may
    /// budget later trials of the same recipe by it (<see cref="MeasuredPeaks"/>).</summary>
    bool MeasuresItsOwnPeak => false;
}
