using static TorchSharp.torch;

namespace Sweep.Training.Data;

/// <summary>
/// Batches of whole <see cref="LmBlocks"/> blocks: a seeded order per epoch, a pure function of
/// (seed, epoch), with random access by batch index. The last batch of an epoch may hold fewer blocks;
/// it is never padded.
/// </summary>
public sealed class LmBatcher
{
    private readonly LmBlocks _blocks;
    private readonly EpochOrder _order;
    private readonly Device? _device;

    public LmBatcher(LmBlocks blocks, int batchSize, long seed, Device? device = null)
    {
        if (batchSize < 1)
            throw new InvalidInputException($"batch_size: {batchSize} must be ≥ 1");
        _blocks = blocks;
        BatchSize = batchSize;
        _order = new EpochOrder(blocks.Count, batchSize, seed);
        _device = device;
    }

    public int BatchSize { get; }
    /// <summary>Target tokens per block (T).</summary>
    public int BlockSize => _blocks.BlockSize;
    public int BatchesPerEpoch => _order.BatchesPerEpoch;

    /// <summary>The block order of a training epoch.</summary>
    public int[] EpochOrder(int epoch) => _order.For(epoch);

    /// <summary>Batch <paramref name="index"/> of a training epoch: InputIds and Targets (B, T).</summary>
    public LmBatch Batch(int epoch, int index) => _blocks.Collate(_order.Slice(epoch, index), _device);

    public IEnumerable<LmBatch> Epoch(int epoch, int skipBatches = 0)
    {
        for (int index = skipBatches; index < BatchesPerEpoch; index++)
            yield return Batch(epoch, index);
    }

    /// <summary>Batches in corpus order (evaluation).</summary>
    public IEnumerable<LmBatch> InOrder()
    {
        for (int start = 0; start < _blocks.Count; start += BatchSize)
            yield return _blocks.Collate(Enumerable.Range(start, Math.Min(BatchSize, _blocks.Count - start)).ToArray(), _device);
    }
}
