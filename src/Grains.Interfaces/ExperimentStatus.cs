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

/// <summary>Snapshot of an experiment for <c>status</c> / <c>watch</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentStatus
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string Name { get; init; } = "";
    [Id(2)] public ExperimentState State { get; init; }
    [Id(3)] public IReadOnlyList<TrialView> Trials { get; init; } = [];
    [Id(4)] public DateTimeOffset? SubmittedAt { get; init; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }

    public int Count(TrialState s) => Trials.Count(t => t.State == s);
    public int Finished => Trials.Count(t => t.State.IsFinished());
    public bool IsFinished => State is ExperimentState.Completed or ExperimentState.Cancelled;
}

/// <summary>Everything an experiment produced: the spec and one outcome per finished trial.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentResults(
    [property: Id(0)] string Id,
    [property: Id(1)] SweepSpec? Spec,
    [property: Id(2)] IReadOnlyList<TrialOutcome> Trials,
    [property: Id(3)] ExperimentState State);

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
