using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>A model for the language-modelling task: token ids → next-token logits, or the final hidden states and the
/// output projection separately, so a loss can project a chunk of positions at a time.</summary>
public interface ICausalLm
{
    // (B, T) → (B, T, V)
    Tensor Logits(Tensor inputIds);

    // (B, T) → (B, T, C): the final hidden states, before the vocabulary projection
    Tensor Hidden(Tensor inputIds);

    /// <summary>(V, C) weight of the vocabulary projection (logits = hidden · Wᵀ).</summary>
    Tensor OutputWeight { get; }

    int VocabSize { get; }
}
