using Sweep.Analysis.Sequential;

namespace Sweep.Analysis.Tests.Sequential;

/// <summary>
/// Classic two-sided group sequential constants for α = 0.05 and K equally spaced looks, as tabulated in
/// Jennison, C. and Turnbull, B. W. (2000), Group Sequential Methods with Applications to Clinical Trials,
/// Chapman &amp; Hall/CRC, chapter 2: Pocock's C_P(K, α) (Table 2.3) and O'Brien–Fleming's C_B(K, α) (Table 2.4).
/// The tables give three decimals; the solver must land within half a unit of the last one.
/// </summary>
[Category(Category.Unit)]
public sealed class ClassicBoundaryGoldenTests
{
    [Theory]
    [InlineData(1, 1.960)]
    [InlineData(2, 2.178)]
    [InlineData(3, 2.289)]
    [InlineData(4, 2.361)]
    [InlineData(5, 2.413)]
    public void Pocock_constant_matches_the_published_table(int looks, double published)
    {
        var c = BoundarySolver.ClassicConstant(ClassicShape.Pocock, looks);
        Assert.True(Math.Abs(c - published) <= 0.0005, $"K = {looks}: C_P = {c:F5}, table {published}");
    }

    [Theory]
    [InlineData(1, 1.960)]
    [InlineData(2, 1.977)]
    [InlineData(3, 2.004)]
    [InlineData(4, 2.024)]
    [InlineData(5, 2.040)]
    public void OBrien_Fleming_constant_matches_the_published_table(int looks, double published)
    {
        var c = BoundarySolver.ClassicConstant(ClassicShape.OBrienFleming, looks);
        Assert.True(Math.Abs(c - published) <= 0.0005, $"K = {looks}: C_B = {c:F5}, table {published}");
    }

    [Theory]
    [InlineData(ClassicShape.Pocock, 4)]
    [InlineData(ClassicShape.OBrienFleming, 5)]
    public void The_solved_design_spends_exactly_alpha(ClassicShape shape, int looks)
    {
        var c = BoundarySolver.ClassicConstant(shape, looks);
        var b = BoundarySolver.ClassicBoundaries(shape, looks, c);
        var p = CrossingProbability.TwoSided(BoundarySolver.EqualFractions(looks), b);
        Assert.Equal(0.05, p.Total, 9);
        // Symmetric boundaries under H₀: each side carries half.
        Assert.Equal(p.Upper.Sum(), p.Lower.Sum(), 12);
    }
}
