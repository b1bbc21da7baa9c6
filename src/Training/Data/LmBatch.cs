using static TorchSharp.torch;

namespace Sweep.Training.Data;

/// <summary>
/// One language-modelling batch of whole blocks, int64: InputIds (B, T) and Targets (B, T) = the same
/// tokens shifted by one. Every position is a real corpus token: there is no padding and no mask.
/// </summary>
public sealed class LmBatch(Tensor inputIds, Tensor targets, int[] blockIndices) : IDisposable
{
    public Tensor InputIds { get; } = inputIds;  // (B, T)
    public Tensor Targets { get; } = targets;    // (B, T)
    public int[] BlockIndices { get; } = blockIndices;
    public int Size => BlockIndices.Length;

    public void Dispose()
    {
        InputIds.Dispose();
        Targets.Dispose();
    }
}
