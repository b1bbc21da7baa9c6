using Sweep.Training.Data;
using Sweep.Training.Tokenization;
using TorchSharp;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class ClassificationBatcherTests
{
    // Lengths 3, 5, 2, 4, 6 with distinct ids so rows can be traced; pad id 0.
    private static readonly EncodedText[] Inputs =
        [.. new[] { 3, 5, 2, 4, 6 }.Select((n, i) => EncodedText.SingleSegment([.. Enumerable.Range(100 * (i + 1), n)]))];
    private static readonly int[] Labels = [0, 1, 1, 0, 1];

    private static ClassificationBatcher Batcher(long seed = 1, int batchSize = 2) => new(Inputs, Labels, batchSize, seed, padId: 0);

    [Fact]
    public void PadsEachBatchToItsLongestAndMasksThePadding()
    {
        using var batch = Batcher().Collate([2, 1]); // lengths 2 and 5
        Assert.Equal([2L, 5L], batch.InputIds.shape);
        Assert.Equal([2L, 5L], batch.AttentionMask.shape);
        Assert.Equal([2L, 5L], batch.TokenTypeIds.shape);
        Assert.Equal([2L], batch.Labels.shape);
        Assert.All(new[] { batch.InputIds, batch.AttentionMask, batch.TokenTypeIds, batch.Labels },
            t => Assert.Equal(torch.ScalarType.Int64, t.dtype));

        Assert.Equal([300L, 301, 0, 0, 0, 200, 201, 202, 203, 204], batch.InputIds.data<long>().ToArray());
        Assert.Equal([1L, 1, 0, 0, 0, 1, 1, 1, 1, 1], batch.AttentionMask.data<long>().ToArray());
        Assert.All(batch.TokenTypeIds.data<long>().ToArray(), v => Assert.Equal(0L, v));
        Assert.Equal([1L, 1], batch.Labels.data<long>().ToArray());
    }

    [Fact]
    public void EachEpochVisitsEveryExampleOnceLastBatchSmaller()
    {
        var batches = Batcher(batchSize: 2).Epoch(0).ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Size));
        Assert.Equal(3, Batcher(batchSize: 2).BatchesPerEpoch);
        Assert.Equal(Enumerable.Range(0, 5), batches.SelectMany(b => b.ExampleIndices).Order());
        foreach (var b in batches)
        {
            long expectedT = b.ExampleIndices.Max(i => Inputs[i].Length);
            Assert.Equal(expectedT, b.InputIds.shape[1]);
            Assert.Equal(b.ExampleIndices.Sum(i => Inputs[i].Length), b.AttentionMask.sum().item<long>());
            b.Dispose();
        }
    }

    [Fact]
    public void SameSeedSameOrderNewEpochNewOrder()
    {
        Assert.Equal(Batcher(seed: 9).EpochOrder(0), Batcher(seed: 9).EpochOrder(0));
        var orders = Enumerable.Range(0, 6).Select(e => string.Join(",", Batcher(seed: 9).EpochOrder(e))).ToHashSet();
        Assert.True(orders.Count > 1);
        Assert.NotEqual(Batcher(seed: 9).EpochOrder(0), Batcher(seed: 10).EpochOrder(0));
    }

    [Fact]
    public void SkipResumesTheSameEpochMidway()
    {
        var full = Batcher().Epoch(3).Select(b => b.ExampleIndices).ToList();
        var resumed = Batcher().Epoch(3, skipBatches: 1).Select(b => b.ExampleIndices).ToList();
        Assert.Equal(full.Skip(1), resumed);
        Assert.Equal(full[2], Batcher().Batch(3, 2).ExampleIndices);
        Assert.Throws<ArgumentOutOfRangeException>(() => Batcher().Batch(3, 3));
    }

    [Fact]
    public void InOrderKeepsTheExampleOrder()
    {
        Assert.Equal([0, 1, 2, 3, 4], Batcher().InOrder().SelectMany(b => b.ExampleIndices));
    }

    [Fact]
    public void EncodesRealSentencesWithTheBertTokenizer()
    {
        var examples = new[] { new LabelledText("hello world", 1), new LabelledText("The movie was great!", 0) };
        var batcher = ClassificationBatcher.Encode(examples, BertWordPieceTokenizer.FromMiniLmPackage(), maxLength: 16, batchSize: 2, seed: 0);
        using var batch = batcher.InOrder().Single();
        Assert.Equal([101L, 7592, 2088, 102, 0, 0, 0, 101, 1996, 3185, 2001, 2307, 999, 102], batch.InputIds.data<long>().ToArray());
        Assert.Equal([1L, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1], batch.AttentionMask.data<long>().ToArray());
        Assert.Equal([1L, 0], batch.Labels.data<long>().ToArray());
    }

    [Fact]
    public void EmptyDataOrBadBatchSizeIsBadInput()
    {
        Assert.Throws<InvalidInputException>(() => new ClassificationBatcher([], [], 4, 0, 0));
        var e = Assert.Throws<InvalidInputException>(() => new ClassificationBatcher(Inputs, Labels, 0, 0, 0));
        Assert.Contains("batch_size", e.Message);
    }
}
