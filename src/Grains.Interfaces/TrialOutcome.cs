using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// The one final result of a trial (the fields of the results contract, see docs/results.md). Built once by the trial grain,
/// stored by it, and accepted once by its experiment: the first final outcome for an id wins.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrialOutcome
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Task { get; init; }
    [Id(2)] public required string Preset { get; init; }
    [Id(3)] public string Method { get; init; } = "";
    [Id(4)] public int? Rank { get; init; }
    [Id(5)] public int Seed { get; init; }
    [Id(6)] public required TrialState State { get; init; }
    [Id(7)] public int Attempts { get; init; }
    [Id(8)] public string Silo { get; init; } = "";
    [Id(9)] public string Device { get; init; } = "";
    [Id(10)] public string BaseDtype { get; init; } = "";
    [Id(11)] public string ComputeDtype { get; init; } = "";
    /// <summary>Contract metric names (accuracy, f1, f1_macro, perplexity, eval_loss, trainable_params, …) → value; absent when not measured.</summary>
    [Id(12)] public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    [Id(13)] public IReadOnlyDictionary<string, int>? RankPattern { get; init; }
    [Id(14)] public IReadOnlyList<double[]> LossCurve { get; init; } = [];
    [Id(15)] public IReadOnlyList<int> EvalPredictions { get; init; } = [];
    [Id(16)] public IReadOnlyList<int> EvalLabels { get; init; } = [];
    [Id(17)] public string? Error { get; init; }
    [Id(18)] public int? DivergedAtStep { get; init; }
    [Id(19)] public DateTimeOffset? StartedAt { get; init; }
    [Id(20)] public DateTimeOffset FinishedAt { get; init; }
    /// <summary>The checkpoint step the final attempt resumed from; null when it started at step 0.</summary>
    [Id(21)] public int? ResumedFromStep { get; init; }
    /// <summary>The malloc of the process the trial trained in (jemalloc, glibc, …); empty when it did not train.</summary>
    [Id(22)] public string Allocator { get; init; } = "";
}

/// <summary>Latest progress of a running trial.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialProgressInfo(
    [property: Id(0)] string TrialId,
    [property: Id(1)] int Step,
    [property: Id(2)] int TotalSteps,
    [property: Id(3)] double Loss,
    [property: Id(4)] double SamplesPerSecond,
    [property: Id(5)] string Phase,
    [property: Id(6)] string Silo,
    [property: Id(7)] int Attempt);
