using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class SeededRandomTests
{
    [Fact]
    public void MatchesSplitMix64ReferenceOutputForSeedZero()
    {
        // Reference: Vigna's splitmix64.c, state 0.
        var rng = new SeededRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void StreamsAreReproducibleAndDistinct()
    {
        Assert.Equal(SeededRandom.For(7, 3).Permutation(50), SeededRandom.For(7, 3).Permutation(50));
        Assert.NotEqual(SeededRandom.For(7, 3).Permutation(50), SeededRandom.For(7, 4).Permutation(50));
        Assert.NotEqual(SeededRandom.For(7).Permutation(50), SeededRandom.For(8).Permutation(50));
    }

    [Fact]
    public void PermutationIsAPermutationAndIntsStayInRange()
    {
        var rng = new SeededRandom(42);
        Assert.Equal(Enumerable.Range(0, 100), rng.Permutation(100).Order());
        var counts = new int[3];
        for (int i = 0; i < 3000; i++) counts[rng.NextInt(3)]++;
        Assert.All(counts, c => Assert.InRange(c, 900, 1100));
    }
}
