using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>A model for the language-modelling task: token ids → next-token logits.</summary>
public interface ICausalLm
{
    // (B, T) → (B, T, V)
    Tensor Logits(Tensor inputIds);
    int VocabSize { get; }
}
