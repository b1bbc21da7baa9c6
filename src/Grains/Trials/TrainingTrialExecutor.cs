using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// The real executor: the TorchSharp training core's front door.
/// SEAM: <c>Sweep.Training.Trials.TrialRunner.Run(spec, progress, ct, checkpoints)</c> is being written on main;
/// until it is merged this executor refuses to run (the trial fails with this reason, the sweep goes on).
/// </summary>
public sealed class TrainingTrialExecutor : ITrialExecutor
{
    public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ITrialCheckpoints checkpoints) =>
        throw new NotSupportedException("the training core (TrialRunner) is not in this build yet; run silos with Executor=Simulated");
}
