using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

[GenerateSerializer]
public enum BaseState { Pending, Pretraining, Ready, Failed }

/// <summary>Where a pretrained base came from: its recipe, who pretrained it, and how well it models its own corpus.</summary>
[GenerateSerializer, Immutable]
public sealed record BaseProvenance
{
    [Id(0)] public required string Hash { get; init; }
    [Id(1)] public required BaseRecipe Recipe { get; init; }
    /// <summary>The experiment whose sweep pretrained it.</summary>
    [Id(2)] public string PretrainedBy { get; init; } = "";
    [Id(3)] public DateTimeOffset PretrainedAt { get; init; }
    [Id(4)] public string Silo { get; init; } = "";
    [Id(5)] public int Steps { get; init; }
    [Id(6)] public double TrainSeconds { get; init; }
    /// <summary>exp(mean token NLL) on held-out blocks of its own corpus after pretraining.</summary>
    [Id(7)] public double Perplexity { get; init; }
    [Id(8)] public int Attempts { get; init; }
    /// <summary>Artifact-store prefix of its files (<c>bases/&lt;hash&gt;/</c>).</summary>
    [Id(9)] public string ArtifactPrefix { get; init; } = "";
}

/// <summary>A base grain's view of itself; <see cref="Progress"/> while it pretrains.</summary>
[GenerateSerializer, Immutable]
public sealed record BaseSnapshot(
    [property: Id(0)] string Hash,
    [property: Id(1)] BaseState State,
    [property: Id(2)] string Silo,
    [property: Id(3)] TrialProgressInfo? Progress,
    [property: Id(4)] BaseProvenance? Provenance,
    [property: Id(5)] string? Error);

/// <summary>
/// One pretrained base (key: a <see cref="TrialKey"/> <c>bases|&lt;hash&gt;|accelerator|0</c>, so it is placed on a worker
/// like a trial): pretrains it once on a slot of its silo, checkpointing to the artifact store, and resumes from the
/// last checkpoint when its silo is lost and the next <see cref="EnsureBuilt"/> reactivates it elsewhere. A base already
/// in the artifact store is ready at once.
/// </summary>
public interface IBaseGrain : IGrainWithStringKey
{
    /// <param name="threads">torch threads while pretraining (the sweep's threads_per_trial); null: leave as is.</param>
    Task<BaseSnapshot> EnsureBuilt(BaseRecipe recipe, string experimentId, int? threads);

    public static string KeyOf(BaseRecipe recipe, PlacementSpec placement) =>
        TrialKey.Format("bases", new TrialPlan { Id = recipe.Hash(), Task = "", Preset = "", Seed = 0, Placement = placement with { MinDeviceMemory = 0 } });
}

/// <summary>The base-pretraining stage of one experiment, for <c>status</c>, <c>watch</c> and the results: one entry per
/// pretrained base its tasks adapt.</summary>
[GenerateSerializer, Immutable]
public sealed record BaseView
{
    [Id(0)] public required string Hash { get; init; }
    [Id(1)] public IReadOnlyList<string> Tasks { get; init; } = [];
    [Id(2)] public BaseState State { get; init; }
    [Id(3)] public TrialProgressInfo? Progress { get; init; }
    [Id(4)] public BaseProvenance? Provenance { get; init; }
    [Id(5)] public string? Error { get; init; }
    /// <summary>True when the base was pretrained before this experiment was submitted (by an earlier sweep, possibly of the
    /// same spec, so of the same experiment id): this experiment pretrained nothing.</summary>
    [Id(6)] public bool Reused { get; init; }
}
