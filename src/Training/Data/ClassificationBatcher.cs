using Sweep.Training.Tokenization;
using static TorchSharp.torch;

namespace Sweep.Training.Data;

/// <summary>
/// Batches tokenized classification examples. Training order is a seeded permutation per epoch, a pure
/// function of (seed, epoch), so the same seed gives the same order and a resumed run can skip the
/// batches it already did. Each batch is padded to its own longest sequence.
/// </summary>
public sealed class ClassificationBatcher
{
    private readonly IReadOnlyList<EncodedText> _inputs;
    private readonly IReadOnlyList<int> _labels;
    private readonly EpochOrder _order;
    private readonly int _padId;
    private readonly Device? _device;

    public ClassificationBatcher(IReadOnlyList<EncodedText> inputs, IReadOnlyList<int> labels, int batchSize, long seed, int padId, Device? device = null)
    {
        if (inputs.Count != labels.Count)
            throw new ArgumentException($"{inputs.Count} inputs but {labels.Count} labels");
        if (inputs.Count == 0)
            throw new InvalidInputException("data: no examples to batch (empty dataset)");
        if (batchSize < 1)
            throw new InvalidInputException($"batch_size: {batchSize} must be ≥ 1");
        _inputs = inputs;
        _labels = labels;
        BatchSize = batchSize;
        _order = new EpochOrder(inputs.Count, batchSize, seed);
        _padId = padId;
        _device = device;
    }

    /// <summary>Tokenizes every example (with the model's special tokens, truncated to maxLength) and batches them.</summary>
    public static ClassificationBatcher Encode(IReadOnlyList<LabelledText> examples, ITextTokenizer tokenizer, int maxLength,
        int batchSize, long seed, Device? device = null) =>
        new(examples.Select(e => tokenizer.Encode(e.Text, maxLength: maxLength)).ToList(),
            examples.Select(e => e.Label).ToList(), batchSize, seed, tokenizer.PadId, device);

    public int Count => _inputs.Count;
    public int BatchSize { get; }
    public int BatchesPerEpoch => _order.BatchesPerEpoch;

    /// <summary>The example order of a training epoch (a permutation of 0..Count-1), a pure function of (seed, epoch).</summary>
    public int[] EpochOrder(int epoch) => _order.For(epoch);

    /// <summary>Batch <paramref name="index"/> of a training epoch (random access, so a resumed run picks up mid-epoch).</summary>
    public ClassificationBatch Batch(int epoch, int index) => Collate(_order.Slice(epoch, index));

    /// <summary>Shuffled batches of one epoch; the last may be smaller. <paramref name="skipBatches"/> resumes mid-epoch.</summary>
    public IEnumerable<ClassificationBatch> Epoch(int epoch, int skipBatches = 0)
    {
        for (int index = skipBatches; index < BatchesPerEpoch; index++)
            yield return Batch(epoch, index);
    }

    /// <summary>Batches in the examples' own order (evaluation).</summary>
    public IEnumerable<ClassificationBatch> InOrder()
    {
        for (int start = 0; start < Count; start += BatchSize)
            yield return Collate(Enumerable.Range(start, Math.Min(BatchSize, Count - start)).ToArray());
    }

    /// <summary>Pads the given examples to the longest among them.</summary>
    public ClassificationBatch Collate(int[] indices)
    {
        int b = indices.Length;
        int t = indices.Max(i => _inputs[i].Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        var types = new long[b * t];
        var labels = new long[b];
        Array.Fill(ids, _padId);
        for (int row = 0; row < b; row++)
        {
            var input = _inputs[indices[row]];
            for (int col = 0; col < input.Length; col++)
            {
                ids[row * t + col] = input.InputIds[col];
                mask[row * t + col] = input.AttentionMask[col];
                types[row * t + col] = input.TokenTypeIds[col];
            }
            labels[row] = _labels[indices[row]];
        }
        long[] shape = [b, t];
        return new ClassificationBatch(
            tensor(ids, shape, ScalarType.Int64, _device),    // (B, T)
            tensor(mask, shape, ScalarType.Int64, _device),   // (B, T)
            tensor(types, shape, ScalarType.Int64, _device),  // (B, T)
            tensor(labels, [b], ScalarType.Int64, _device),   // (B)
            indices);
    }
}
