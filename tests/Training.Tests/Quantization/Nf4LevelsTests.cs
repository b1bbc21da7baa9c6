using Sweep.Training.Quantization;

namespace Sweep.Training.Tests.Quantization;

[Category(Category.Unit)]
public sealed class Nf4LevelsTests
{
    // The 16 NF4 levels as published with QLoRA (Dettmers et al., 2023) and used by bitsandbytes.
    private static readonly double[] Reference =
    [
        -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
        -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
        0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
        0.7229568362236023, 1.0,
    ];

    [Fact]
    public void TableMatchesTheQLoRALevelsExactly()
    {
        var levels = Nf4Levels.Values;
        Assert.Equal(16, levels.Length);
        for (var i = 0; i < 16; i++)
            Assert.Equal((float)Reference[i], levels[i]);
        Assert.Equal(0f, levels[Nf4Levels.ZeroCode]);
    }

    [Fact]
    public void LargestHalfGapIsBetweenMinusOneAndItsNeighbour()
    {
        Assert.Equal((1.0 - 0.6961928009986877) / 2.0, Nf4Levels.MaxHalfGap, 7);
    }

    [Fact]
    public void DynamicMapHasBitsandbytesShape()
    {
        // bitsandbytes create_dynamic_map(signed=True): 7 bands 10^-6..10^0 of 2^i midpoints of
        // linspace(0.1, 1, 2^i + 1), mirrored, plus 0 and 1. Extremes by hand: band 6 has 64 midpoints,
        // the last (1 + (1 - 0.9/64)) / 2 = 0.99296875; band 0 has one midpoint 0.55, scaled 1e-6.
        var map = DynamicMap8Bit.Values;
        Assert.Equal(256, map.Length);
        Assert.True(map.Zip(map.Skip(1)).All(p => p.First <= p.Second), "map must be sorted");
        Assert.Equal(-0.99296875f, map[0], 6);
        Assert.Equal(1.0f, map[255]);
        Assert.Equal(0.99296875f, map[254], 6);
        Assert.Contains(0f, map);
        Assert.Equal(5.5e-7f, map.Where(v => v > 0).Min(), 12);
        Assert.Equal(127, map.Count(v => v < 0));
    }
}
