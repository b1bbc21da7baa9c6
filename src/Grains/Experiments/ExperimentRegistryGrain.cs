using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;

namespace Sweep.Grains.Experiments;

/// <summary>Every experiment ever submitted, for <c>sweep list</c>.</summary>
[ControlPlacement]
public sealed class ExperimentRegistryGrain(
    [PersistentState(StorageNames.RegistryState, StorageNames.Sweep)] IPersistentState<List<ExperimentEntry>> state, IWorkerDirectory workers)
    : Grain, IExperimentRegistryGrain
{
    public async Task Register(ExperimentEntry entry)
    {
        if (state.State.Any(e => e.Id == entry.Id)) return;
        state.State.Add(entry);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ExperimentEntry>> List() => Task.FromResult<IReadOnlyList<ExperimentEntry>>(state.State.ToList());

    public Task<IReadOnlyList<WorkerInfo>> Workers() => Task.FromResult(workers.LiveWorkers());

    public Task<IReadOnlyList<string>> ScaledFromZero() => Task.FromResult(workers.ScaledFromZero);
}
