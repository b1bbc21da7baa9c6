using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Adapters.AdaLora;

/// <summary>
/// AdaLoRA's orthogonal regularisation, as PEFT adds it to the loss: for every adapter ‖PᵀP − I‖_F and
/// ‖QQᵀ − I‖_F (Frobenius norms, not squared), averaged over all these matrices (PEFT counts P and Q
/// separately, so the divisor is 2 × modules), times a weight (0.5 by default). Zero for orthonormal P, Q.
/// </summary>
public sealed class OrthogonalRegularizer
{
    public const double DefaultWeight = 0.5;

    public OrthogonalRegularizer(double weight = DefaultWeight)
    {
        if (weight < 0 || double.IsNaN(weight))
            throw new InvalidInputException($"adalora orth_reg_weight must be ≥ 0, got {weight}");
        Weight = weight;
    }

    public double Weight { get; }

    /// <summary>The unweighted mean of the norms, a scalar tensor that carries gradients to P and Q.</summary>
    public static Tensor Penalty(IReadOnlyList<AdaLoraAdapter> adapters)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        if (adapters.Count == 0) return tensor(0f);
        using var scope = NewDisposeScope();
        Tensor? sum = null;
        foreach (var adapter in adapters)
        {
            var q = adapter.A;                                                   // (r, in)
            var p = adapter.B;                                                   // (out, r)
            var eye = torch.eye(adapter.InitialRank, dtype: q.dtype, device: q.device); // (r, r)
            var term = (q.matmul(q.t()) - eye).norm() + (p.t().matmul(p) - eye).norm();
            sum = sum is null ? term : sum + term;
        }
        return (sum! / (2.0 * adapters.Count)).MoveToOuterDisposeScope();
    }

    /// <summary>Weight × <see cref="Penalty"/>: the term to add to the training loss.</summary>
    public Tensor Loss(IReadOnlyList<AdaLoraAdapter> adapters)
    {
        using var scope = NewDisposeScope();
        return (Penalty(adapters) * Weight).MoveToOuterDisposeScope();
    }
}
