namespace Sweep.Grains.Interfaces;

/// <summary>The largest peak memory a trial of one recipe measured in its own process, and which trial, where and when.</summary>
[GenerateSerializer, Immutable]
public sealed record MeasuredPeak(
    [property: Id(0)] long Bytes,
    [property: Id(1)] string Experiment,
    [property: Id(2)] string TrialId,
    [property: Id(3)] string Silo,
    [property: Id(4)] DateTimeOffset MeasuredAt);

/// <summary>
/// The largest peak measured across the cluster for one trial recipe (what shapes a trial's memory, without its seed or
/// sweep), kept in grain storage so that it outlives the silos that measured it. Key: a hash of the recipe text. Every
/// silo reads it before it starts a trial of that recipe, and an experiment reads it when it sizes its trials' needs, so
/// a recipe measured once is budgeted by its measurement everywhere and in later sweeps, not only on the silo that ran it.
/// </summary>
public interface IMeasuredPeakGrain : IGrainWithStringKey
{
    /// <summary>The largest peak recorded; null when none was.</summary>
    Task<MeasuredPeak?> Get();

    /// <summary>Keeps <paramref name="peak"/> when it is larger than the one held. <paramref name="recipe"/> is the recipe's
    /// text; a key whose grain already holds another recipe (a hash collision) is refused.</summary>
    Task Record(string recipe, MeasuredPeak peak);
}
