using static TorchSharp.torch;

namespace Sweep.Training.Adapters;

/// <summary>
/// A trainable low-rank update attached to a <see cref="Layers.TargetLinear"/>. Implementations are
/// TorchSharp modules (so their parameters are registered under the layer as <c>adapter.*</c>).
/// </summary>
public interface ILinearAdapter
{
    /// <summary>"lora" or "adalora".</summary>
    string Kind { get; }

    /// <summary>Current effective rank (AdaLoRA: unmasked triplets).</summary>
    int Rank { get; }

    /// <summary>The adapter's contribution for input x (…, in) → (…, out), in the adapter's dtype.</summary>
    Tensor Delta(Tensor x);

    /// <summary>The dense update ΔW (out, in) that merging adds to the base weight.</summary>
    Tensor DeltaWeight();

    /// <summary>Number of trainable scalars the adapter adds.</summary>
    long TrainableParameterCount { get; }
}
