using Orleans.Concurrency;
using Sweep.Grains.Interfaces.Spec;

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
    /// <summary>Cancels running trials and marks the rest Cancelled; finished trials are kept.</summary>
    Task<ExperimentStatus> Cancel();
    Task<ExperimentResults> GetResults();

    /// <summary>From a trial grain: its final outcome. The first one per trial id counts.</summary>
    [OneWay] Task ReportResult(TrialOutcome outcome);
    /// <summary>From a trial grain: its latest progress.</summary>
    [OneWay] Task ReportProgress(TrialProgressInfo progress);
}

/// <summary>Registry of experiments for <c>sweep list</c> (single instance, key 0).</summary>
public interface IExperimentRegistryGrain : IGrainWithIntegerKey
{
    Task Register(ExperimentEntry entry);
    Task<IReadOnlyList<ExperimentEntry>> List();
    /// <summary>The live worker silos and their hardware (to check a spec's placement before submitting).</summary>
    Task<IReadOnlyList<WorkerInfo>> Workers();
}
