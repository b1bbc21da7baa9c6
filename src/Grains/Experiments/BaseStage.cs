using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Experiments;

/// <summary>
/// The experiment's base-pretraining stage: which tasks adapt a base the experiment pretrains, which bases are ready
/// (their provenance, kept in the experiment's state) or failed, and what the latest snapshot of each one in progress said.
/// A task's trials are dispatched only once its base is ready; when it fails they fail with its error. Pure state, no grain calls.
/// A ready base is reused when it was pretrained before the experiment was submitted (<paramref name="submittedAt"/>):
/// the experiment's id cannot tell, since the same spec gives the same id, so a rerun of a spec into another output
/// folder, or after its state was lost, finds a base "pretrained by" itself.
/// </summary>
public sealed class BaseStage(SweepSpec spec, DateTimeOffset submittedAt, Dictionary<string, BaseProvenance> ready, Dictionary<string, string> failed)
{
    private readonly Dictionary<string, BaseSnapshot> _latest = new();
    private readonly Dictionary<string, (BaseRecipe Recipe, List<string> Tasks)> _bases = Index(spec);

    private static Dictionary<string, (BaseRecipe, List<string>)> Index(SweepSpec spec)
    {
        var d = new Dictionary<string, (BaseRecipe, List<string>)>(StringComparer.Ordinal);
        foreach (var t in spec.Tasks)
            if (t.Base is { } r)
            {
                if (!d.TryGetValue(r.Hash(), out var e)) d[r.Hash()] = e = (r, []);
                e.Item2.Add(t.Name);
            }
        return d;
    }

    /// <summary>Recipes still to ask for (neither ready nor failed).</summary>
    public IEnumerable<BaseRecipe> Waiting => _bases.Where(b => !ready.ContainsKey(b.Key) && !failed.ContainsKey(b.Key)).Select(b => b.Value.Recipe);

    /// <summary>True when the trial's task waits for a base that is not ready.</summary>
    public bool Blocks(TrialPlan plan) =>
        spec.Tasks.FirstOrDefault(t => t.Name == plan.Task)?.Base is { } r && !ready.ContainsKey(r.Hash());

    /// <summary>Tasks whose base failed, with the error (their pending trials fail with it).</summary>
    public IEnumerable<(string Task, string Error)> FailedTasks =>
        _bases.Where(b => failed.ContainsKey(b.Key)).SelectMany(b => b.Value.Tasks.Select(t => (t, failed[b.Key])));

    /// <summary>Takes a base grain's snapshot; true when the base just became ready or failed.</summary>
    public bool Apply(BaseSnapshot s)
    {
        _latest[s.Hash] = s;
        if (s.State == BaseState.Ready && s.Provenance is { } p && !ready.ContainsKey(s.Hash)) { ready[s.Hash] = p; return true; }
        if (s.State == BaseState.Failed && !failed.ContainsKey(s.Hash)) { failed[s.Hash] = s.Error ?? "base pretraining failed"; return true; }
        return false;
    }

    public IReadOnlyList<BaseView> Views() => _bases.Select(b =>
    {
        var provenance = ready.GetValueOrDefault(b.Key);
        var latest = _latest.GetValueOrDefault(b.Key);
        var state = provenance is not null ? BaseState.Ready : failed.ContainsKey(b.Key) ? BaseState.Failed : latest?.State ?? BaseState.Pending;
        return new BaseView
        {
            Hash = b.Key, Tasks = b.Value.Tasks, State = state, Progress = state == BaseState.Pretraining ? latest?.Progress : null,
            Provenance = provenance, Error = failed.GetValueOrDefault(b.Key), Reused = provenance is not null && provenance.PretrainedAt < submittedAt,
        };
    }).ToList();
}
