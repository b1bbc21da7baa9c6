using Orleans.Concurrency;
using Sweep.Grains.Interfaces.Spec;

namespace Sweep.Grains.Interfaces;

/// <summary>What a trial grain needs to run: its experiment, its plan and the spec it came from.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialAssignment(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] TrialPlan Plan,
    [property: Id(2)] SweepSpec Spec);

/// <summary>A trial grain's view of itself.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialSnapshot(
    [property: Id(0)] TrialStatus State,
    [property: Id(1)] int Attempts,
    [property: Id(2)] string Silo,
    [property: Id(3)] TrialProgressInfo? Progress,
    [property: Id(4)] TrialOutcome? Outcome);

/// <summary>
/// One trial (key: <see cref="TrialKey"/>), placed on a worker silo whose metadata satisfies it.
/// Runs the training core off the grain scheduler, checkpoints, and resumes after a lost silo.
/// </summary>
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the trial runs (or has run): starts it, resumes it after a lost activation, or returns its outcome.</summary>
    Task<TrialSnapshot> EnsureRunning(TrialAssignment assignment);
    /// <summary>Stops the trial; it ends Cancelled unless it already finished.</summary>
    Task<TrialSnapshot> Cancel();
    Task<TrialSnapshot> GetSnapshot();
}

/// <summary>Collects the results of one experiment (key: experiment id), analyses them and publishes metrics.</summary>
public interface IAggregationGrain : IGrainWithStringKey
{
    /// <summary>Adds a final outcome; the same trial id again is ignored.</summary>
    [OneWay] Task Add(TrialOutcome outcome);
    Task<int> Count();
    /// <summary>The analysis (DESIGN.md "Analysis output") as JSON, or null while it cannot be computed yet.</summary>
    Task<string?> GetAnalysisJson(AnalysisSpec options);
}
