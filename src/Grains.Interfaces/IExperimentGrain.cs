using Orleans.Concurrency;
using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// One sweep (key: experiment id). Expands its spec into trials, dispatches them within the concurrency
/// limit and the workers' free slots, tracks them, and keeps durable state. Every operation is idempotent.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep; submitting the same spec again returns the current status, a different one is refused.</summary>
    Task<ExperimentStatus> Submit(SweepSpec spec);
    Task<ExperimentStatus> GetStatus();
    Task<ExperimentCounts> GetCounts();
    /// <summary>Cancels running trials and marks the rest Cancelled; finished trials are kept.</summary>
    Task<ExperimentStatus> Cancel();
    /// <summary>Every outcome in one message: for small sweeps; large ones use <see cref="GetResultsPage"/>.</summary>
    Task<ExperimentResults> GetResults();
    /// <summary>The outcomes of trials [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="count"/>) in
    /// spec order (those finished), with the total number of trials; a stable paging since the trial list never changes.</summary>
    Task<ExperimentResults> GetResultsPage(int offset, int count);
    /// <summary>Subscribes (or renews) a watcher for <see cref="ExperimentWatch.Lifetime"/>; renew well within it.</summary>
    Task Watch(IExperimentObserver observer);
    Task Unwatch(IExperimentObserver observer);

    /// <summary>From a trial grain: its final outcome. The first one per trial id counts.</summary>
    [OneWay] Task ReportResult(TrialOutcome outcome);
    /// <summary>From a trial grain: its latest progress.</summary>
    [OneWay] Task ReportProgress(TrialProgressInfo progress);
    /// <summary>From a trial grain on a draining silo: the trial stopped there (after a checkpoint, if it ran) and goes back to
    /// the pending queue; <paramref name="silo"/> takes no more trials of this experiment.</summary>
    Task ReportHandedBack(string trialId, string silo);
}

/// <summary>How long a watcher subscription lasts without renewal, and how often watchers hear of changes at most.</summary>
public static class ExperimentWatch
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan NotifyInterval = TimeSpan.FromMilliseconds(200);
}

/// <summary>Registry of experiments for <c>sweep list</c> (single instance, key 0).</summary>
public interface IExperimentRegistryGrain : IGrainWithIntegerKey
{
    Task Register(ExperimentEntry entry);
    Task<IReadOnlyList<ExperimentEntry>> List();
    /// <summary>The live worker silos and their hardware (to check a spec's placement before submitting).</summary>
    Task<IReadOnlyList<WorkerInfo>> Workers();
    /// <summary>Worker kinds an autoscaler starts on demand (the control silo's <c>Sweep:ScaledFromZero</c>).</summary>
    Task<IReadOnlyList<string>> ScaledFromZero();
}
