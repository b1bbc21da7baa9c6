namespace Sweep.Grains.Interfaces;

/// <summary>A trial's final adapter in Hugging Face PEFT format: the two files of a PEFT adapter directory.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialAdapter(
    [property: Id(0)] byte[] Model,
    [property: Id(1)] string Config);

/// <summary>
/// Reads one experiment's stored adapters (key: experiment id). A stateless worker: it answers on the silo the caller
/// reached, from that silo's artifact store, whatever silo trained the trial.
/// </summary>
public interface IAdapterGrain : IGrainWithStringKey
{
    /// <summary>The adapter of trial <paramref name="trialId"/>; null when none was stored (a trial that did not complete).</summary>
    Task<TrialAdapter?> Get(string trialId);

    /// <summary>Those of <paramref name="trialIds"/> whose adapter is stored, without reading any adapter (a page lists
    /// downloads for every completed trial).</summary>
    Task<IReadOnlyList<string>> Stored(IReadOnlyList<string> trialIds);
}
