using Sweep.Training.Tokenization;
using static TorchSharp.torch;

namespace Sweep.Training.Data;

/// <summary>
/// A corpus as fixed-length training blocks: documents tokenized and concatenated with the tokenizer's
/// document separator (GPT-2's EOS) between them, cut into consecutive blocks of <c>BlockSize + 1</c>
/// tokens (input = the first T, target = the last T), and the final partial block dropped. No block
/// ever contains padding, so no batch can be all padding and every target position counts in the loss
/// (empty or padded batches are the likely cause of the paper's NaN perplexity).
/// </summary>
public sealed class LmBlocks
{
    private readonly int[] _tokens;

    /// <summary>Blocks over an already-tokenized stream.</summary>
    public LmBlocks(int[] tokens, int blockSize, string source = "corpus")
    {
        if (blockSize < 1)
            throw new InvalidInputException($"block_size: {blockSize} must be ≥ 1");
        if (tokens.Length < blockSize + 1)
            throw new InvalidInputException(
                $"{source}: {tokens.Length} tokens, fewer than block_size + 1 = {blockSize + 1}: not one full block (empty dataset)");
        _tokens = tokens;
        BlockSize = blockSize;
        Count = tokens.Length / (blockSize + 1);
    }

    /// <summary>Tokenizes and concatenates the documents (empty ones skipped), separator between documents.</summary>
    public static LmBlocks Build(IEnumerable<string> documents, ITextTokenizer tokenizer, int blockSize, string source = "corpus") =>
        new(Concatenate(documents, tokenizer), blockSize, source);

    /// <summary>
    /// The token stream: documents tokenized in parallel (the Microsoft.ML tokenizers are thread-safe),
    /// joined in their given order, so the result does not depend on the thread count.
    /// </summary>
    public static int[] Concatenate(IEnumerable<string> documents, ITextTokenizer tokenizer)
    {
        var texts = documents.Where(d => !string.IsNullOrWhiteSpace(d)).ToArray();
        var encoded = new IReadOnlyList<int>[texts.Length];
        Parallel.For(0, texts.Length, i => encoded[i] = tokenizer.EncodeToIds(texts[i]));

        var stream = new int[encoded.Sum(e => e.Count) + Math.Max(0, texts.Length - 1)];
        int position = 0;
        for (int i = 0; i < encoded.Length; i++)
        {
            if (i > 0) stream[position++] = tokenizer.DocumentSeparatorId;
            foreach (int id in encoded[i]) stream[position++] = id;
        }
        return stream;
    }

    public int BlockSize { get; }
    public int Count { get; }
    public long TokenCount => _tokens.Length;
    public long TokensDropped => _tokens.Length - (long)Count * (BlockSize + 1);

    /// <summary>The first <paramref name="maxBlocks"/> blocks only (all when null or larger).</summary>
    public LmBlocks Take(int? maxBlocks) =>
        maxBlocks is int m && m < Count ? new LmBlocks(_tokens[..(Math.Max(1, m) * (BlockSize + 1))], BlockSize) : this;

    /// <summary>Block i: <c>BlockSize + 1</c> consecutive corpus tokens.</summary>
    public ReadOnlySpan<int> Block(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _tokens.AsSpan(index * (BlockSize + 1), BlockSize + 1);
    }

    /// <summary>The given blocks as one batch: inputs are each block's first T tokens, targets its last T.</summary>
    public LmBatch Collate(int[] blockIndices, Device? device = null)
    {
        int b = blockIndices.Length, t = BlockSize;
        var inputs = new long[b * t];
        var targets = new long[b * t];
        for (int row = 0; row < b; row++)
        {
            var block = Block(blockIndices[row]);
            for (int col = 0; col < t; col++)
            {
                inputs[row * t + col] = block[col];
                targets[row * t + col] = block[col + 1];
            }
        }
        long[] shape = [b, t];
        return new LmBatch(
            tensor(inputs, shape, ScalarType.Int64, device),   // (B, T)
            tensor(targets, shape, ScalarType.Int64, device),  // (B, T)
            blockIndices);
    }
}
