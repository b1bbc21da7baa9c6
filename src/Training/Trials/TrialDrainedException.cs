namespace Sweep.Training.Trials;

/// <summary>
/// A run asked to drain (its worker is going away) saved a checkpoint at <see cref="Step"/> and stopped, so that the
/// trial can resume from there elsewhere. Not a failure: the attempt is handed back. <see cref="Step"/> is 0 when the run
/// stopped before its first training step (nothing to save beyond the checkpoint it resumed from, if any).
/// </summary>
public sealed class TrialDrainedException(string trialId, int step)
    : OperationCanceledException($"trial {trialId}: handed back at step {step} (draining)")
{
    public string TrialId { get; } = trialId;
    public int Step { get; } = step;
}
