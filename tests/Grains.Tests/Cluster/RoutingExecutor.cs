using System.Collections.Concurrent;
using Sweep.Grains.Trials;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// The test cluster's executor: trials of model <c>sim</c> run on the simulated executor, all others on the real
/// training core. Records, per attempt, the silo and whether a checkpoint existed when it started; simulated trials
/// also go into <paramref name="log"/> (start step, every step, trials at once per silo).
/// </summary>
public sealed class RoutingExecutor(SimulatedTrialExecutor simulated, string silo, SimulationLog log) : ITrialExecutor
{
    public sealed record Attempt(string TrialId, string Silo, bool HadCheckpoint);

    public static readonly ConcurrentQueue<Attempt> Attempts = new();

    /// <summary>A true effect per (task, preset) of simulated trials, added to their accuracy (sequential tests choose them).</summary>
    public static readonly ConcurrentDictionary<(string Task, string Preset), double> Effects = new();
    private readonly TrainingTrialExecutor _training = new();

    public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain)
    {
        if (spec.Model == "sim") return Simulate(spec, progress, ct, checkpoints, drain);
        Attempts.Enqueue(new Attempt(spec.Id, silo, checkpoints.Load(spec.Id) is not null));
        return _training.Execute(spec with { Device = "cpu" }, progress, ct, checkpoints, drain); // the test silos' cuda/mps labels are fictitious
    }

    private TrialResult Simulate(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain)
    {
        log.Started(spec.Id, silo, SimulatedTrialExecutor.ResumeStep(checkpoints.Load(spec.Id)));
        log.Enter(silo);
        try
        {
            var result = simulated.Execute(spec, new Recording(spec.Id, silo, log, progress), ct, checkpoints, drain);
            return Effects.TryGetValue((spec.Task, spec.Preset), out var effect)
                ? result with { Metrics = result.Metrics with { Accuracy = result.Metrics.Accuracy + effect } }
                : result;
        }
        finally { log.Exit(silo); }
    }

    private sealed class Recording(string trialId, string silo, SimulationLog log, IProgress<TrialProgress> inner) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value)
        {
            log.Stepped(trialId, silo, value.Step);
            inner.Report(value);
        }
    }
}
