using Orleans.Concurrency;
using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// What a trial grain needs to run: its experiment, its plan and its recipe — only this trial's part of the spec,
/// so that a message (and the trial's stored state) does not grow with the size of the sweep.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrialAssignment(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] TrialPlan Plan,
    [property: Id(2)] TrialRecipe Recipe);

/// <summary>One trial's share of a sweep spec: its task, its training settings (preset overrides applied), retry and checkpoint policy (including whether its last checkpoint is kept once it finishes).</summary>
[GenerateSerializer, Immutable]
public sealed record TrialRecipe(
    [property: Id(0)] TaskSpec Task,
    [property: Id(1)] TrainingOverrides Training,
    [property: Id(2)] int Retries,
    [property: Id(3)] int CheckpointEvery,
    [property: Id(4)] int? ThreadsPerTrial,
    [property: Id(5)] AdapterSpec? Adapter = null,
    [property: Id(6)] bool KeepCheckpoints = false)
{
    public static TrialRecipe For(SweepSpec spec, TrialPlan plan) => new(
        spec.Tasks.FirstOrDefault(t => t.Name == plan.Task) ?? throw new ArgumentException($"trial {plan.Id}: task '{plan.Task}' is not in the spec"),
        spec.Overrides.TryGetValue(plan.Preset, out var o) ? o.Over(spec.Training) : spec.Training,
        spec.Retries, spec.CheckpointEvery, spec.ThreadsPerTrial, spec.Adapter, spec.KeepCheckpoints);
}

/// <summary>A trial grain's view of itself.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialSnapshot(
    [property: Id(0)] TrialState State,
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

/// <summary>What aggregation needs to know of a sweep ahead of its results.</summary>
[GenerateSerializer, Immutable]
public sealed record AggregationPlan([property: Id(0)] AnalysisSpec Analysis, [property: Id(1)] IReadOnlyList<TrialPlan> Trials);

/// <summary>Collects the results of one experiment (key: experiment id), analyses them and publishes metrics.</summary>
public interface IAggregationGrain : IGrainWithStringKey
{
    /// <summary>From the experiment: the trials to expect and the analysis settings, so that each comparison (a preset
    /// against the baseline on a task) is analysed as soon as all its trials are finished. Sent again on reactivation.</summary>
    [OneWay] Task Expect(AggregationPlan plan);
    /// <summary>Adds a final outcome; the same trial id again is ignored.</summary>
    [OneWay] Task Add(TrialOutcome outcome);
    /// <summary>Adds many final outcomes at once (a cancel finishes every pending trial); ids already held are ignored.</summary>
    [OneWay] Task AddMany(IReadOnlyList<TrialOutcome> outcomes);
    Task<int> Count();
    /// <summary>The comparisons analysed so far as they completed ("task: preset vs baseline"), in order.</summary>
    Task<IReadOnlyList<string>> AnalyzedComparisons();
    /// <summary>The analysis of the experiment's outcomes (groups, comparisons, claims), computed once and kept; null
    /// while it cannot be computed yet (no completed baseline trial).</summary>
    Task<Sweep.Analysis.AnalysisReport?> GetAnalysis(AnalysisSpec options);
    /// <summary>Like <see cref="GetAnalysis"/>, but waits at most <paramref name="wait"/> for an analysis being computed
    /// (a large sweep's can take longer than a grain call may): not ready yet → ask again.</summary>
    Task<AnalysisAnswer> GetAnalysisWithin(AnalysisSpec options, TimeSpan wait);
}

/// <summary>An analysis request's answer: ready (with the report, null when it cannot be computed) or still computing.</summary>
[GenerateSerializer, Immutable]
public sealed record AnalysisAnswer([property: Id(0)] bool Ready, [property: Id(1)] Sweep.Analysis.AnalysisReport? Report);
