using Sweep.Training.Tokenization;

namespace Sweep.Training.Tests.Tokenization;

[Category(Category.Unit)]
public sealed class LongestFirstTruncationTests
{
    [Fact]
    public void TrimsTheLongerSegmentFirst()
    {
        var (a, b) = LongestFirstTruncation.Apply([1, 2, 3, 4, 5, 6], [7, 8], 5);
        Assert.Equal([1, 2, 3], a);
        Assert.Equal([7, 8], b);
    }

    [Fact]
    public void OnATieTrimsTheSecondSegment()
    {
        var (a, b) = LongestFirstTruncation.Apply([1, 2, 3, 4], [5, 6, 7, 8], 5);
        Assert.Equal([1, 2, 3], a);
        Assert.Equal([5, 6], b);
    }

    [Fact]
    public void LeavesShortInputAlone()
    {
        var (a, b) = LongestFirstTruncation.Apply([1, 2], null, 5);
        Assert.Equal([1, 2], a);
        Assert.Empty(b);
    }
}
