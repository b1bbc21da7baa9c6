using static TorchSharp.torch;

namespace Sweep.Training.Data;

/// <summary>
/// One padded classification batch, int64 tensors: InputIds, AttentionMask, TokenTypeIds (B, T) with
/// T the longest sequence in the batch (mask 0 on padding), Labels (B). <see cref="ExampleIndices"/>
/// are the examples' positions in the batcher's list, for per-example predictions.
/// </summary>
public sealed class ClassificationBatch(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds, Tensor labels, int[] exampleIndices)
    : IDisposable
{
    public Tensor InputIds { get; } = inputIds;             // (B, T)
    public Tensor AttentionMask { get; } = attentionMask;   // (B, T)
    public Tensor TokenTypeIds { get; } = tokenTypeIds;     // (B, T)
    public Tensor Labels { get; } = labels;                 // (B)
    public int[] ExampleIndices { get; } = exampleIndices;
    public int Size => ExampleIndices.Length;

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        TokenTypeIds.Dispose();
        Labels.Dispose();
    }
}
