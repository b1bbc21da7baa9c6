using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training;

namespace Sweep.Grains.Bases;

/// <summary>
/// One pretrained base (see <see cref="IBaseGrain"/>): ready at once when the artifact store holds it, else pretrained
/// once on a slot of its silo. A lost silo ends the attempt with the activation; the experiment's next
/// <see cref="EnsureBuilt"/> reactivates the grain elsewhere and the new attempt resumes from the stored checkpoint.
/// </summary>
[WorkerPlacement]
public sealed class BaseGrain(
    [PersistentState(StorageNames.BaseState, StorageNames.Sweep)] IPersistentState<BaseGrainState> state, TrialHost host)
    : Grain, IBaseGrain
{
    /// <summary>Attempts before a failure that is not bad input is final.</summary>
    public const int MaxAttempts = 3;
    private BasePretraining? _run;

    private string Hash => TrialKey.Parse(this.GetPrimaryKeyString()).TrialId;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        _run?.Cancel(); // the checkpoint stays; the next activation resumes from it
        return Task.CompletedTask;
    }

    public async Task<BaseSnapshot> EnsureBuilt(BaseRecipe recipe, string experimentId, int? threads)
    {
        if (recipe.Hash() != Hash) throw new ArgumentException($"base {Hash}: the recipe given hashes to {recipe.Hash()}");
        if (state.State.Provenance is null && state.State.Error is null && _run is null)
        {
            if (new BaseArtifacts(host.Artifacts).Provenance(Hash) is { } stored)
            {
                state.State.Provenance = stored; // pretrained before (by this or another sweep): nothing to do
                await state.WriteStateAsync();
            }
            else
            {
                state.State.Recipe ??= recipe;
                if (state.State.RequestedBy.Length == 0) state.State.RequestedBy = experimentId;
                state.State.Attempts++;
                await state.WriteStateAsync();
                var run = _run = BasePretraining.Start(host, recipe, state.State.RequestedBy, state.State.Attempts, threads);
                _ = Watch(run);
            }
        }
        return Snapshot();
    }

    private async Task Watch(BasePretraining run)
    {
        try { state.State.Provenance = await run.Completion; }
        catch (OperationCanceledException) { _run = null; return; }
        catch (Exception e)
        {
            // bad input, or too many attempts, is final; otherwise the next EnsureBuilt tries again from the checkpoint
            if (e is InvalidInputException || state.State.Attempts >= MaxAttempts) state.State.Error = e.Message;
        }
        _run = null;
        await state.WriteStateAsync();
    }

    private BaseSnapshot Snapshot()
    {
        var s = state.State;
        var baseState = s.Provenance is not null ? BaseState.Ready : s.Error is not null ? BaseState.Failed : _run is not null ? BaseState.Pretraining : BaseState.Pending;
        var progress = _run?.Latest is { } p
            ? new TrialProgressInfo($"base:{Hash}", p.Step, p.TotalSteps, p.Loss, p.SamplesPerSecond, p.Phase, host.SiloName, s.Attempts)
            : null;
        return new BaseSnapshot(Hash, baseState, host.SiloName, progress, s.Provenance, s.Error);
    }
}
