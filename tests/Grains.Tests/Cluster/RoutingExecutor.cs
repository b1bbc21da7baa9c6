using System.Collections.Concurrent;
using Sweep.Grains.Trials;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// The test cluster's executor: trials of model <c>sim</c> run on the simulated executor, all others on the real
/// training core. Records, per attempt, the silo and whether a checkpoint existed when it started.
/// </summary>
public sealed class RoutingExecutor(SimulatedTrialExecutor simulated, string silo) : ITrialExecutor
{
    public sealed record Attempt(string TrialId, string Silo, bool HadCheckpoint);

    public static readonly ConcurrentQueue<Attempt> Attempts = new();
    private readonly TrainingTrialExecutor _training = new();

    public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints)
    {
        if (spec.Model == "sim") return simulated.Execute(spec, progress, ct, checkpoints);
        Attempts.Enqueue(new Attempt(spec.Id, silo, checkpoints.Load(spec.Id) is not null));
        return _training.Execute(spec with { Device = "cpu" }, progress, ct, checkpoints); // the test silos' cuda/mps labels are fictitious
    }
}
