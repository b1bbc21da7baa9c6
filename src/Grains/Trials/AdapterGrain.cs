using Orleans.Concurrency;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Trials;

/// <summary>Serves stored adapters from this silo's artifact store (read off the grain scheduler: the store is synchronous).</summary>
[StatelessWorker]
public sealed class AdapterGrain(IArtifactStore store) : Grain, IAdapterGrain
{
    public async Task<TrialAdapter?> Get(string trialId)
    {
        var artifacts = new TrialArtifacts(store, this.GetPrimaryKeyString());
        var adapter = await Task.Run(() => artifacts.LoadAdapter(trialId));
        return adapter is null ? null : new TrialAdapter(adapter.Model, adapter.Config);
    }

    public async Task<IReadOnlyList<string>> Stored(IReadOnlyList<string> trialIds)
    {
        var artifacts = new TrialArtifacts(store, this.GetPrimaryKeyString());
        return await Task.Run(() => trialIds.Where(artifacts.HasAdapter).ToList());
    }
}
