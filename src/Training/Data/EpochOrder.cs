namespace Sweep.Training.Data;

/// <summary>
/// The shuffled order of items in each epoch, a pure function of (seed, epoch), with random access to the
/// items of batch i. The last epoch's permutation is kept, so stepping through an epoch costs one shuffle.
/// Not thread-safe: a batcher belongs to the one training thread.
/// </summary>
public sealed class EpochOrder(int count, int batchSize, long seed)
{
    private int _cachedEpoch = -1;
    private int[] _cached = [];

    public int BatchesPerEpoch => (count + batchSize - 1) / batchSize;

    public int[] For(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (epoch != _cachedEpoch)
        {
            _cached = SeededRandom.For(seed, epoch).Permutation(count);
            _cachedEpoch = epoch;
        }
        return (int[])_cached.Clone();
    }

    /// <summary>The item indices of batch <paramref name="index"/> of <paramref name="epoch"/> (the last batch may be smaller).</summary>
    public int[] Slice(int epoch, int index)
    {
        if (index < 0 || index >= BatchesPerEpoch)
            throw new ArgumentOutOfRangeException(nameof(index), $"batch {index} of an epoch with {BatchesPerEpoch} batches");
        For(epoch);
        int start = index * batchSize;
        return _cached.AsSpan(start, Math.Min(batchSize, count - start)).ToArray();
    }
}
