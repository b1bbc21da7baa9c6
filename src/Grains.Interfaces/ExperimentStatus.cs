using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

[GenerateSerializer]
public enum ExperimentState { NotSubmitted, Running, Completed, Cancelled }

/// <summary>A trial as its experiment tracks it.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required TrialState State { get; init; }
    [Id(2)] public string Silo { get; init; } = "";
    [Id(3)] public int Attempts { get; init; }
    [Id(4)] public TrialProgressInfo? Progress { get; init; }
    [Id(5)] public string? Error { get; init; }
}

/// <summary>
/// Snapshot of an experiment for <c>status</c> / <c>watch</c>. A large sweep lists only its running and unsuccessful
/// trials (up to a bound) in <see cref="Trials"/>; <see cref="StateCounts"/> counts them all.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentStatus
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string Name { get; init; } = "";
    [Id(2)] public ExperimentState State { get; init; }
    [Id(3)] public IReadOnlyList<TrialView> Trials { get; init; } = [];
    [Id(4)] public DateTimeOffset? SubmittedAt { get; init; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Trials per state over the whole sweep (null: count <see cref="Trials"/>, which then lists every trial).</summary>
    [Id(6)] public IReadOnlyDictionary<TrialState, int>? StateCounts { get; init; }
    /// <summary>Seeds on demand: looks and decisions per comparison (null for a plain seed list).</summary>
    [Id(7)] public SequentialReport? Sequential { get; init; }
    /// <summary>The base-pretraining stage: the bases the experiment's tasks adapt (empty when none is pretrained).</summary>
    [Id(8)] public IReadOnlyList<BaseView> Bases { get; init; } = [];

    public int Total => StateCounts?.Values.Sum() ?? Trials.Count;
    public int Count(TrialState s) => StateCounts is { } c ? c.GetValueOrDefault(s) : Trials.Count(t => t.State == s);
    public int Finished => StateCounts is { } c ? c.Where(kv => kv.Key.IsFinished()).Sum(kv => kv.Value) : Trials.Count(t => t.State.IsFinished());
    /// <summary>True when <see cref="Trials"/> lists only some of the trials.</summary>
    public bool IsAbridged => Trials.Count < Total;
    public bool IsFinished => State is ExperimentState.Completed or ExperimentState.Cancelled;
}

/// <summary>Everything an experiment produced: the spec and one outcome per finished trial.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentResults(
    [property: Id(0)] string Id,
    [property: Id(1)] SweepSpec? Spec,
    [property: Id(2)] IReadOnlyList<TrialOutcome> Trials,
    [property: Id(3)] ExperimentState State)
{
    /// <summary>How many trials the experiment has (a page of results covers a range of them).</summary>
    [Id(4)] public int TotalTrials { get; init; }
    /// <summary>Seeds on demand: looks and decisions per comparison (null for a plain seed list).</summary>
    [Id(5)] public SequentialReport? Sequential { get; init; }
    /// <summary>The pretrained bases its tasks adapted, with their provenance.</summary>
    [Id(6)] public IReadOnlyList<BaseView> Bases { get; init; } = [];
}

/// <summary>One entry of <c>sweep list</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset SubmittedAt);

/// <summary>Counts only: cheap to poll for large sweeps (the full <see cref="ExperimentStatus"/> lists every trial).</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentCounts(
    [property: Id(0)] ExperimentState State,
    [property: Id(1)] int Total,
    [property: Id(2)] int Pending,
    [property: Id(3)] int Running,
    [property: Id(4)] int Finished)
{
    public bool IsFinished => State is ExperimentState.Completed or ExperimentState.Cancelled;
}
