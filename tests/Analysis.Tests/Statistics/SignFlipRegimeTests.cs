using Sweep.Analysis.Statistics;

namespace Sweep.Analysis.Tests.Statistics;

/// <summary>The sign-flip test's three regimes (exact, Monte Carlo, normal limit) agree where they meet.</summary>
[Category(Category.Unit)]
public sealed class SignFlipRegimeTests
{
    [Fact]
    public void Sign_flip_normal_limit_agrees_with_the_t_test_for_many_seeds()
    {
        var random = new Random(3);
        var d = Enumerable.Range(0, SignFlipTest.MaxMonteCarloN + 100).Select(_ => 0.03 + random.NextDouble() - 0.5).ToArray();
        var flip = SignFlipTest.Test(d);
        var t = PairedTTest.OneSample(d);
        Assert.InRange(flip.P, 0.001, 0.9); // not a degenerate 0 or 1
        Assert.Equal(t.P, flip.P, 0.01);
        Assert.StartsWith("normal limit", SignFlipTest.Method(d.Length));
        Assert.StartsWith("Monte Carlo", SignFlipTest.Method(SignFlipTest.MaxMonteCarloN));
    }

    [Theory]
    [InlineData(30, 0.05)]
    [InlineData(80, 0.0)]
    [InlineData(80, 0.04)]
    public void Monte_carlo_agrees_with_the_normal_limit_below_the_switch(int n, double shift)
    {
        var random = new Random(n);
        var d = Enumerable.Range(0, n).Select(_ => shift + random.NextDouble() - 0.5).ToArray();
        var monteCarlo = SignFlipTest.Test(d, samples: 100_000, seed: 5);
        var sumSq = d.Sum(v => v * v);
        var normal = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(d.Sum()) / Math.Sqrt(sumSq));
        Assert.Equal(normal, monteCarlo.P, 0.03);
    }
}
