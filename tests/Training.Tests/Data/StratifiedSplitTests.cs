using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class StratifiedSplitTests
{
    private static readonly int[] Labels = [.. Enumerable.Repeat(0, 300), .. Enumerable.Repeat(1, 100)];

    [Fact]
    public void KeepsClassRatiosInBothParts()
    {
        var (train, eval) = StratifiedSplit.Split(Labels, 0.2, seed: 1);
        Assert.Equal(60, eval.Count(i => Labels[i] == 0));
        Assert.Equal(20, eval.Count(i => Labels[i] == 1));
        Assert.Equal(240, train.Count(i => Labels[i] == 0));
        Assert.Equal(80, train.Count(i => Labels[i] == 1));
    }

    [Fact]
    public void IsDisjointAndCoversEverything()
    {
        var (train, eval) = StratifiedSplit.Split(Labels, 0.25, seed: 3);
        Assert.Empty(train.Intersect(eval));
        Assert.Equal(Enumerable.Range(0, Labels.Length), train.Concat(eval).Order());
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var a = StratifiedSplit.Split(Labels, 0.2, seed: 5);
        var b = StratifiedSplit.Split(Labels, 0.2, seed: 5);
        var c = StratifiedSplit.Split(Labels, 0.2, seed: 6);
        Assert.Equal(a.Eval, b.Eval);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Eval, c.Eval);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void RejectsFractionsOutsideZeroOne(double fraction)
    {
        var e = Assert.Throws<InvalidInputException>(() => StratifiedSplit.Split(Labels, fraction, 0));
        Assert.Contains("eval_fraction", e.Message);
    }

    [Fact]
    public void RejectsASplitThatLeavesEvalEmpty()
    {
        var e = Assert.Throws<InvalidInputException>(() => StratifiedSplit.Split([0, 1], 0.2, 0));
        Assert.Contains("empty eval set", e.Message);
    }
}
