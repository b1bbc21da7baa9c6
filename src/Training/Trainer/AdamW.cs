using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>
/// AdamW (decoupled weight decay, bias-corrected moments) over named parameter groups. Written here rather
/// than taken from TorchSharp so its whole state (moments, step) can be checkpointed and restored exactly.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly List<(string Name, Parameter P, bool Decay)> _params;
    private readonly Dictionary<string, (Tensor M, Tensor V)> _state = new();
    private readonly double _beta1, _beta2, _eps;

    public double WeightDecay { get; }
    public int Step { get; private set; }

    public AdamW(IEnumerable<(string Name, Parameter P, bool Decay)> parameters, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        _params = parameters.ToList();
        WeightDecay = weightDecay;
        (_beta1, _beta2, _eps) = (beta1, beta2, eps);
    }

    /// <summary>Weight decay applies to weights, not to biases or LayerNorm parameters.</summary>
    public static bool DecaysParameter(string name) =>
        !(name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal) || name.Contains(".ln_", StringComparison.Ordinal)
          || name.Contains("lora_E", StringComparison.Ordinal));

    public IEnumerable<Parameter> Parameters => _params.Select(p => p.P);

    public void ZeroGrad()
    {
        foreach (var (_, p, _) in _params) p.grad?.zero_();
    }

    public void Update(double lr)
    {
        Step++;
        using var _ = no_grad();
        var c1 = 1 - Math.Pow(_beta1, Step);
        var c2 = 1 - Math.Pow(_beta2, Step);
        foreach (var (name, p, decay) in _params)
        {
            var g = p.grad;
            if (g is null) continue;
            if (!_state.TryGetValue(name, out var s))
            {
                // Moments outlive the caller's per-step dispose scope.
                s = (zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope());
                _state[name] = s;
            }
            if (decay && WeightDecay > 0) p.mul_(1 - lr * WeightDecay);
            s.M.mul_(_beta1).add_(g, alpha: 1 - _beta1);
            s.V.mul_(_beta2).addcmul_(g, g, value: 1 - _beta2);
            using var denom = s.V.div(c2).sqrt_().add_(_eps);
            p.addcdiv_(s.M, denom, value: -lr / c1);
        }
    }

    /// <summary>Moments by parameter name, plus the step, for checkpoints.</summary>
    public (int Step, IReadOnlyDictionary<string, (Tensor M, Tensor V)> Moments) State => (Step, _state);

    public void Restore(int step, IReadOnlyDictionary<string, (Tensor M, Tensor V)> moments)
    {
        Step = step;
        foreach (var (name, p, _) in _params)
        {
            if (!moments.TryGetValue(name, out var m)) continue;
            _state[name] = (m.M.to(p.device).to(p.dtype).clone().DetachFromDisposeScope(), m.V.to(p.device).to(p.dtype).clone().DetachFromDisposeScope());
        }
    }

    public void Dispose()
    {
        foreach (var (m, v) in _state.Values) { m.Dispose(); v.Dispose(); }
        _state.Clear();
    }
}
