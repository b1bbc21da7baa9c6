using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>A model for the classification task: token ids → class logits.</summary>
public interface ISequenceClassifier
{
    // (B, T) ×3 → (B, num_labels)
    Tensor Logits(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds);
    IReadOnlyList<string> HeadPrefixes { get; }
}
