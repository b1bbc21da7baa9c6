using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Trainer;
using static TorchSharp.torch;

namespace Sweep.Training.Trials;

/// <summary>
/// AdaLoRA's additions to the loop: orthogonal regularisation on P and Q, and the rank allocator stepped
/// after optimizer.step() and before zero_grad() (the call HF's Trainer never makes).
/// </summary>
public sealed class AdaLoraHooks : ITrainingHooks, IDisposable
{
    private readonly IReadOnlyList<AdaLoraAdapter> _adapters;
    private readonly OrthogonalRegularizer _orth;

    public RankAllocator Allocator { get; }
    public List<double[]> BudgetCurve { get; } = [];

    private AdaLoraHooks(IReadOnlyList<(string Name, AdaLoraAdapter Adapter)> modules, RankAllocator allocator, double orthWeight)
    {
        _adapters = modules.Select(m => m.Adapter).ToList();
        Allocator = allocator;
        _orth = new OrthogonalRegularizer(orthWeight);
    }

    /// <summary>Hooks for an AdaLoRA trial; null for other methods.</summary>
    public static AdaLoraHooks? For(PreparedTrial trial, int totalSteps)
    {
        if (trial.Preset.AdaLora is not { } settings) return null;
        var problems = settings.Problems(totalSteps);
        if (problems.Count > 0) throw new InvalidInputException(string.Join("; ", problems));
        var modules = trial.Adapters.Select(a => (a.Path, (AdaLoraAdapter)a.Adapter)).ToList();
        var (tinit, tfinal) = settings.Phases(totalSteps);
        var allocator = new RankAllocator(modules, RankAllocator.TargetBudgetFor(modules.Count, settings.TargetRank),
            tinit, tfinal, totalSteps, settings.DeltaT, settings.Beta1, settings.Beta2);
        return new AdaLoraHooks(modules, allocator, settings.OrthRegWeight);
    }

    public Tensor? ExtraLoss() => _orth.Loss(_adapters);

    public void AfterOptimizerStep(int step)
    {
        var s = Allocator.Update(step);
        // A point where the budget changes, plus the step the final mask is fixed.
        if (BudgetCurve.Count == 0 || BudgetCurve[^1][1] != s.Budget || (s.Final && s.Masked)) BudgetCurve.Add([step, s.Budget]);
    }

    public IReadOnlyDictionary<string, Tensor> State()
    {
        var state = Allocator.State().ToDictionary(kv => kv.Key, kv => kv.Value);
        if (BudgetCurve.Count > 0) state["budget_curve"] = tensor(BudgetCurve.SelectMany(p => p).ToArray(), new long[] { BudgetCurve.Count, 2 });
        return state;
    }

    public void Restore(IReadOnlyDictionary<string, Tensor> state)
    {
        Allocator.Restore(state);
        BudgetCurve.Clear();
        if (state.TryGetValue("budget_curve", out var curve))
        {
            var values = curve.to(ScalarType.Float64).data<double>().ToArray();
            for (var i = 0; i < values.Length; i += 2) BudgetCurve.Add([values[i], values[i + 1]]);
        }
    }

    public void Dispose() => Allocator.Dispose();
}
