using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// Runs one trial to its result on the calling (dedicated) thread. Implementations: <see cref="TrainingTrialExecutor"/>
/// (the TorchSharp training core) and <see cref="SimulatedTrialExecutor"/> (fixed work per step, for orchestration tests and benchmarks).
/// Throws <see cref="OperationCanceledException"/> when <paramref name="ct"/> fires, <see cref="Training.InvalidInputException"/>
/// for input that no retry can fix, anything else for failures worth retrying.
/// </summary>
public interface ITrialExecutor
{
    TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ITrialCheckpoints checkpoints);
}

/// <summary>Checkpoint bytes per trial id; an executor resumes from <see cref="Load"/> when it returns a checkpoint.</summary>
public interface ITrialCheckpoints
{
    void Save(string trialId, byte[] checkpoint);
    byte[]? Load(string trialId);
}
