using Sweep.Training.Data;
using Sweep.Training.Tokenization;
using TorchSharp;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class LmBlocksTests
{
    [Fact]
    public void CutsConsecutiveBlocksOfTPlusOneAndDropsThePartialTail()
    {
        var blocks = new LmBlocks([.. Enumerable.Range(0, 23)], blockSize: 4);
        Assert.Equal(4, blocks.Count);          // 23 / 5
        Assert.Equal(3, blocks.TokensDropped);  // 20, 21, 22
        Assert.Equal([5, 6, 7, 8, 9], blocks.Block(1).ToArray());
        Assert.Equal([15, 16, 17, 18, 19], blocks.Block(3).ToArray());
    }

    [Fact]
    public void TargetsAreInputsShiftedByOne()
    {
        var blocks = new LmBlocks([.. Enumerable.Range(0, 23)], blockSize: 4);
        using var batch = blocks.Collate([2, 0]);
        Assert.Equal([2L, 4L], batch.InputIds.shape);
        Assert.Equal([2L, 4L], batch.Targets.shape);
        Assert.Equal(torch.ScalarType.Int64, batch.InputIds.dtype);
        Assert.Equal([10L, 11, 12, 13, 0, 1, 2, 3], batch.InputIds.data<long>().ToArray());
        Assert.Equal([11L, 12, 13, 14, 1, 2, 3, 4], batch.Targets.data<long>().ToArray());
    }

    [Fact]
    public void DocumentsAreJoinedByEosAndNoBlockIsPadding()
    {
        var tokenizer = new Gpt2BpeTokenizer();
        string[] documents = ["Hello world", "", "Hello, world!", " the"];
        int[] stream = LmBlocks.Concatenate(documents, tokenizer);
        Assert.Equal([15496, 995, 50256, 15496, 11, 995, 0, 50256, 262], stream); // empty document skipped

        var data = new Sweep.Training.Data.DataSources().LoadLanguageModel("toy-text");
        var blocks = LmBlocks.Build(data.Train, tokenizer, blockSize: 32);
        int[] all = LmBlocks.Concatenate(data.Train, tokenizer);
        Assert.Equal(data.Train.Count - 1, all.Count(id => id == Gpt2BpeTokenizer.EndOfTextId));

        // Every batch position is a real corpus token: the blocks are exactly the stream's full-block prefix.
        var batches = new LmBatcher(blocks, batchSize: 8, seed: 0).InOrder().ToList();
        var seen = batches.SelectMany(b => Rows(b.InputIds, b.Targets)).ToArray();
        Assert.Equal(all.Take(blocks.Count * 33), seen);
        Assert.All(batches, b => Assert.Equal(32L, b.InputIds.shape[1]));
        Assert.True(batches[^1].Size is > 0 and <= 8);
        foreach (var b in batches) b.Dispose();
    }

    private static IEnumerable<int> Rows(torch.Tensor inputs, torch.Tensor targets)
    {
        // Rebuild each block (T + 1 tokens) from its input row and the last target.
        var x = inputs.data<long>().ToArray();
        var y = targets.data<long>().ToArray();
        int t = (int)inputs.shape[1];
        for (int row = 0; row < inputs.shape[0]; row++)
        {
            for (int col = 0; col < t; col++) yield return (int)x[row * t + col];
            yield return (int)y[row * t + t - 1];
        }
    }

    [Fact]
    public void EpochOrderIsSeededAndBatchesAreRandomAccess()
    {
        var blocks = new LmBlocks([.. Enumerable.Range(0, 100)], blockSize: 3); // 25 blocks
        var batcher = new LmBatcher(blocks, batchSize: 4, seed: 5);
        Assert.Equal(batcher.EpochOrder(0), new LmBatcher(blocks, 4, seed: 5).EpochOrder(0));
        Assert.NotEqual(batcher.EpochOrder(0), batcher.EpochOrder(1));
        Assert.Equal(Enumerable.Range(0, 25), batcher.EpochOrder(2).Order());

        var full = batcher.Epoch(1).Select(b => b.BlockIndices).ToList();
        Assert.Equal(7, batcher.BatchesPerEpoch);
        Assert.Equal([4, 4, 4, 4, 4, 4, 1], full.Select(b => b.Length));
        Assert.Equal(full.Skip(2), batcher.Epoch(1, skipBatches: 2).Select(b => b.BlockIndices));
        Assert.Equal(full[5], batcher.Batch(1, 5).BlockIndices);
        using var last = batcher.Batch(1, 6);
        Assert.Equal([1L, 3L], last.InputIds.shape);
    }

    [Fact]
    public void CorpusShorterThanOneBlockIsBadInputNamingTheSource()
    {
        var e = Assert.Throws<InvalidInputException>(() => new LmBlocks([1, 2, 3], blockSize: 3, source: "moby-dick"));
        Assert.Equal("moby-dick: 3 tokens, fewer than block_size + 1 = 4: not one full block (empty dataset)", e.Message);
    }
}
