using static TorchSharp.torch;

namespace Sweep.Training.Adapters.AdaLora;

/// <summary>
/// AdaLoRA's rank allocator (PEFT RankAllocator + AdaLoraModel.update_and_allocate) over named adapters.
/// Call <see cref="Update"/> once per training step after optimizer.step() and before zero_grad():
/// <list type="bullet">
/// <item>step &lt; total − tfinal: update the importance statistics of every P, Λ, Q entry; at the schedule's
/// mask steps score each triplet (Λ score + mean Q-row score + mean P-column score) and zero Λ outside the
/// budget's best triplets (<see cref="TripletSelection"/>);</item>
/// <item>the first step ≥ total − tfinal: select to the target budget once more, fix that final rank pattern
/// and drop the statistics;</item>
/// <item>later steps: zero the masked Λ entries again.</item>
/// </list>
/// Between mask steps a masked Λ may move again under the optimizer, as in PEFT; the next mask decides.
/// </summary>
public sealed class RankAllocator : IDisposable
{
    private readonly IReadOnlyList<(string Name, AdaLoraAdapter Adapter)> _modules;
    private readonly SensitivityTracker _tracker;
    private readonly List<AllocationStep> _history = new();

    public RankAllocator(IReadOnlyList<(string Name, AdaLoraAdapter Adapter)> modules, int targetBudget,
        int tinit, int tfinal, int totalStep, int deltaT, double beta1 = 0.85, double beta2 = 0.85)
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (modules.Count == 0) throw new InvalidInputException("adalora needs at least one target module");
        var duplicate = modules.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidInputException($"adalora module '{duplicate.Key}' is listed twice");
        _modules = modules.ToArray();
        Schedule = new BudgetSchedule(_modules.Sum(m => m.Adapter.InitialRank), targetBudget, tinit, tfinal, totalStep, deltaT);
        _tracker = new SensitivityTracker(beta1, beta2);
    }

    /// <summary>The target budget when every module ends at <paramref name="targetRank"/> (PEFT: target_r × modules).</summary>
    public static int TargetBudgetFor(int moduleCount, int targetRank) => moduleCount * targetRank;

    public BudgetSchedule Schedule { get; }

    /// <summary>Whether the final rank pattern is fixed.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>Every Update call so far, in order (the budget curve is Step → Budget).</summary>
    public IReadOnlyList<AllocationStep> History => _history;

    /// <summary>The budget curve: (step, scheduled budget) for every Update call so far.</summary>
    public IReadOnlyList<(int Step, int Budget)> BudgetCurve => _history.Select(h => (h.Step, h.Budget)).ToList();

    /// <summary>Unmasked triplets over all modules.</summary>
    public int KeptTriplets => _modules.Sum(m => m.Adapter.Rank);

    /// <summary>The current rank pattern: module name → kept flag per triplet.</summary>
    public IReadOnlyDictionary<string, bool[]> RankPattern =>
        _modules.ToDictionary(m => m.Name, m => m.Adapter.RankPattern.ToArray());

    /// <summary>The current rank per module (unmasked triplets).</summary>
    public IReadOnlyDictionary<string, int> Ranks => _modules.ToDictionary(m => m.Name, m => m.Adapter.Rank);

    /// <summary>One allocation step; see the class summary for what happens when.</summary>
    public AllocationStep Update(int step)
    {
        var finalStep = Schedule.FinalMaskStep;
        AllocationStep result;
        if (step < finalStep)
        {
            foreach (var (name, adapter) in _modules)
            {
                _tracker.Update(name + ".lora_A", adapter.A);
                _tracker.Update(name + ".lora_E", adapter.E);
                _tracker.Update(name + ".lora_B", adapter.B);
            }
            var point = Schedule.At(step);
            result = point.Mask ? MaskToBudget(step, point.Budget, final: false)
                : new AllocationStep(step, point.Budget, false, KeptTriplets, 0, 0, false);
        }
        else if (!IsFinal)
        {
            result = MaskToBudget(step, Schedule.TargetBudget, final: true);
            IsFinal = true;
            _tracker.Reset();
        }
        else
        {
            foreach (var (_, adapter) in _modules) adapter.ReapplyRankMask();
            result = new AllocationStep(step, Schedule.TargetBudget, false, KeptTriplets, 0, 0, true);
        }
        _history.Add(result);
        return result;
    }

    /// <summary>Triplet scores per module, (r) each, in module order; 0 before a module's first update.</summary>
    public IReadOnlyList<float[]> TripletScores()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var perModule = new List<Tensor>(_modules.Count);
        foreach (var (name, adapter) in _modules)
        {
            var sA = _tracker.Score(name + ".lora_A");             // (r, in)
            var sE = _tracker.Score(name + ".lora_E");             // (r, 1)
            var sB = _tracker.Score(name + ".lora_B");             // (out, r)
            perModule.Add(sA is null || sE is null || sB is null
                ? zeros(adapter.InitialRank, dtype: float32, device: adapter.E.device)
                : (sE.view(-1) + sA.mean(new long[] { 1 }) + sB.mean(new long[] { 0 })).to(float32)); // (r)
        }
        // One device → host copy for all modules.
        var all = cat(perModule, 0).cpu().data<float>().ToArray();
        var result = new List<float[]>(_modules.Count);
        var offset = 0;
        foreach (var (_, adapter) in _modules)
        {
            result.Add(all[offset..(offset + adapter.InitialRank)]);
            offset += adapter.InitialRank;
        }
        return result;
    }

    private AllocationStep MaskToBudget(int step, int budget, bool final)
    {
        var perModule = TripletScores();
        var selection = TripletSelection.Select(perModule.SelectMany(s => s).ToArray(), budget);
        var offset = 0;
        for (var i = 0; i < _modules.Count; i++)
        {
            var adapter = _modules[i].Adapter;
            adapter.ApplyRankMask(new ArraySegment<bool>(selection.Keep, offset, adapter.InitialRank));
            offset += adapter.InitialRank;
        }
        return new AllocationStep(step, budget, true, selection.Kept, selection.TiedAtThreshold, selection.KeptBeyondBudget, final);
    }

    /// <summary>Everything a resumed run needs: importance EMAs, each module's rank mask, whether the final mask is fixed.</summary>
    public IReadOnlyDictionary<string, Tensor> State()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, (s, u)) in _tracker.Entries)
        {
            state["ipt." + name + ".s"] = s;
            state["ipt." + name + ".u"] = u;
        }
        foreach (var (name, adapter) in _modules)
            state["keep." + name] = tensor(adapter.RankPattern.Select(k => k ? (byte)1 : (byte)0).ToArray());
        state["final"] = tensor(IsFinal ? 1 : 0);
        return state;
    }

    public void Restore(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var (key, s) in state.Where(kv => kv.Key.StartsWith("ipt.", StringComparison.Ordinal) && kv.Key.EndsWith(".s", StringComparison.Ordinal)))
        {
            var name = key[4..^2];
            _tracker.Load(name, s, state["ipt." + name + ".u"]);
        }
        foreach (var (name, adapter) in _modules)
        {
            if (state.TryGetValue("keep." + name, out var keep))
                adapter.ApplyRankMask(keep.data<byte>().Select(b => b != 0).ToArray());
        }
        if (state.TryGetValue("final", out var final)) IsFinal = final.item<int>() != 0;
    }

    public void Dispose() => _tracker.Dispose();
}
