using Sweep.Bench.Timing;

namespace Sweep.Bench.Tests;

[Category(Category.Unit)]
public class SampleSummaryTests
{
    [Fact]
    public void OddCountHasTheMiddleValueAsMedianAndInterpolatedQuartiles()
    {
        var s = SampleSummary.Of([5.0, 1, 4, 2, 3]);
        Assert.Equal(5, s.Count);
        Assert.Equal(3, s.Median);
        Assert.Equal(2, s.LowerQuartile);
        Assert.Equal(4, s.UpperQuartile);
        Assert.Equal(1, s.Min);
        Assert.Equal(5, s.Max);
    }

    [Fact]
    public void EvenCountInterpolatesBetweenTheMiddleValues()
    {
        var s = SampleSummary.Of([4.0, 1, 3, 2]);
        Assert.Equal(2.5, s.Median, 12);
        Assert.Equal(1.75, s.LowerQuartile, 12);
        Assert.Equal(3.25, s.UpperQuartile, 12);
    }

    [Fact]
    public void OneSampleIsItsOwnSummary()
    {
        var s = SampleSummary.Of([7.5]);
        Assert.Equal((7.5, 7.5, 7.5, 7.5, 7.5), (s.Median, s.LowerQuartile, s.UpperQuartile, s.Min, s.Max));
    }

    [Fact]
    public void RatiosArePairedByRoundNotRatiosOfMedians()
    {
        // Per-round ratios 2, 1, 3 → median 2; the ratio of the medians would be 4 / 3.
        var s = SampleSummary.OfRatios([2.0, 4, 9], [1.0, 4, 3]);
        Assert.Equal(2, s.Median, 12);
        Assert.Equal(1, s.Min, 12);
        Assert.Equal(3, s.Max, 12);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => SampleSummary.Of([]));
        Assert.Throws<ArgumentException>(() => SampleSummary.Of([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => SampleSummary.OfRatios([1.0, 2], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSummary.Quantile([1.0, 2], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSummary.Of([1.0]).Scaled(-1));
    }

    [Fact]
    public void ScalingAndFormatting()
    {
        var s = SampleSummary.Of([0.001, 0.002, 0.003, 0.004, 0.005]).Scaled(1000);
        Assert.Equal("3.0 ms [IQR 2.0–4.0, range 1.0–5.0]", s.Format("F1", " ms"));
    }
}
