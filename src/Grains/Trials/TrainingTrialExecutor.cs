using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// The real executor: the TorchSharp training core's front door, <see cref="TrialRunner"/>. The core reports a
/// cancelled run as a Cancelled result; here that becomes <see cref="OperationCanceledException"/> so that the trial
/// grain tells a user's cancel (outcome Cancelled) from its silo going away (resume elsewhere from the checkpoint).
/// </summary>
public sealed class TrainingTrialExecutor : ITrialExecutor
{
    private readonly TrialRunner _runner = new();

    public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain = default)
    {
        var result = _runner.Run(spec, progress, ct, checkpoints, drain);
        if (result.State == TrialState.Cancelled && ct.IsCancellationRequested) throw new OperationCanceledException(ct);
        return result;
    }
}
