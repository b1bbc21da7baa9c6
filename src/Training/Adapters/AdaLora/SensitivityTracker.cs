using static TorchSharp.torch;

namespace Sweep.Training.Adapters.AdaLora;

/// <summary>
/// AdaLoRA's per-entry importance statistics for one set of parameters (PEFT RankAllocator.update_ipt):
/// importance I = |p ⊙ ∇p|; sensitivity Ī ← β1·Ī + (1 − β1)·I; uncertainty Ū ← β2·Ū + (1 − β2)·|I − Ī|
/// (with the already updated Ī); the entry score is Ī ⊙ Ū. The running tensors live outside any dispose
/// scope and are updated in place; a parameter without a gradient counts as importance 0.
/// </summary>
public sealed class SensitivityTracker : IDisposable
{
    private readonly Dictionary<string, (Tensor Sensitivity, Tensor Uncertainty)> _state = new();

    public SensitivityTracker(double beta1 = 0.85, double beta2 = 0.85)
    {
        if (beta1 is <= 0 or >= 1) throw new InvalidInputException($"adalora beta1 must be in (0, 1), got {beta1}");
        if (beta2 is <= 0 or >= 1) throw new InvalidInputException($"adalora beta2 must be in (0, 1), got {beta2}");
        Beta1 = beta1;
        Beta2 = beta2;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    /// <summary>Folds the current |p ⊙ ∇p| of <paramref name="parameter"/> into its running statistics.</summary>
    public void Update(string name, Tensor parameter)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        if (!_state.TryGetValue(name, out var s))
        {
            s = (zeros_like(parameter).DetachFromDisposeScope(), zeros_like(parameter).DetachFromDisposeScope());
            _state[name] = s;
        }
        var grad = parameter.grad;
        var importance = grad is null ? zeros_like(parameter) : parameter.mul(grad).abs_();  // like p
        s.Sensitivity.mul_(Beta1).add_(importance, 1 - Beta1);
        s.Uncertainty.mul_(Beta2).add_(importance.sub_(s.Sensitivity).abs_(), 1 - Beta2);  // |I − Ī|, in place
    }

    /// <summary>Ī ⊙ Ū for <paramref name="name"/> (shaped like the parameter), or null before its first update.</summary>
    public Tensor? Score(string name) =>
        _state.TryGetValue(name, out var s) ? s.Sensitivity * s.Uncertainty : null;

    /// <summary>Forgets all statistics (PEFT resets them once the final mask is fixed).</summary>
    public void Reset()
    {
        foreach (var (sens, unc) in _state.Values)
        {
            sens.Dispose();
            unc.Dispose();
        }
        _state.Clear();
    }

    /// <summary>The running statistics by parameter name, for checkpoints (live tensors; copy to keep).</summary>
    public IReadOnlyDictionary<string, (Tensor Sensitivity, Tensor Uncertainty)> Entries => _state;

    /// <summary>Replaces the statistics of <paramref name="name"/> with copies of saved ones (resume).</summary>
    public void Load(string name, Tensor sensitivity, Tensor uncertainty)
    {
        if (_state.Remove(name, out var old))
        {
            old.Sensitivity.Dispose();
            old.Uncertainty.Dispose();
        }
        _state[name] = (sensitivity.clone().DetachFromDisposeScope(), uncertainty.clone().DetachFromDisposeScope());
    }

    public void Dispose() => Reset();
}
