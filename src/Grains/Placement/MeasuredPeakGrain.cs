using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Placement;

/// <summary>The cluster's largest measured peak of one trial recipe (<see cref="IMeasuredPeakGrain"/>), on a control silo.</summary>
[ControlPlacement]
public sealed class MeasuredPeakGrain(
    [PersistentState(StorageNames.PeakState, StorageNames.Sweep)] IPersistentState<MeasuredPeakGrainState> state)
    : Grain, IMeasuredPeakGrain
{
    public Task<MeasuredPeak?> Get() => Task.FromResult(state.State.Peak);

    public async Task Record(string recipe, MeasuredPeak peak)
    {
        if (state.State.Recipe.Length > 0 && state.State.Recipe != recipe)
            throw new ArgumentException($"measured peak {this.GetPrimaryKeyString()} holds recipe '{state.State.Recipe}', not '{recipe}'");
        if (peak.Bytes <= 0 || state.State.Peak is { } held && held.Bytes >= peak.Bytes) return;
        state.State.Recipe = recipe;
        state.State.Peak = peak;
        await state.WriteStateAsync();
    }
}
