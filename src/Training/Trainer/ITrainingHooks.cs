using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>
/// Method-specific additions to the loop (AdaLoRA: orthogonal regularisation and the rank allocator).
/// <see cref="AfterOptimizerStep"/> runs after optimizer.step() and before zero_grad(), as PEFT requires.
/// </summary>
public interface ITrainingHooks
{
    /// <summary>Added to the task loss before backward (null for none).</summary>
    Tensor? ExtraLoss();

    /// <summary>Called with the 1-based global step just taken; gradients are still present.</summary>
    void AfterOptimizerStep(int step);

    /// <summary>Tensors to checkpoint (e.g. allocator EMAs), by name.</summary>
    IReadOnlyDictionary<string, Tensor> State();

    void Restore(IReadOnlyDictionary<string, Tensor> state);
}

/// <summary>No additions (plain LoRA).</summary>
public sealed class NoHooks : ITrainingHooks
{
    public static readonly NoHooks Instance = new();
    public Tensor? ExtraLoss() => null;
    public void AfterOptimizerStep(int step) { }
    public IReadOnlyDictionary<string, Tensor> State() => new Dictionary<string, Tensor>();
    public void Restore(IReadOnlyDictionary<string, Tensor> state) { }
}
