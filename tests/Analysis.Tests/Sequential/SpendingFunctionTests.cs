using Sweep.Analysis.Sequential;

namespace Sweep.Analysis.Tests.Sequential;

/// <summary>
/// Lan–DeMets spending functions against their closed forms, OBF-type α(t) = 2 − 2Φ(z_{α/2}/√t) and Pocock-type
/// α(t) = α·ln(1 + (e − 1)t); the expected values were computed separately with Python's math.erfc and
/// statistics.NormalDist (2 − 2Φ(x) = erfc(x/√2)).
/// </summary>
[Category(Category.Unit)]
public sealed class SpendingFunctionTests
{
    [Theory]
    [InlineData(0.10, 5.72031879042549e-10, 0.007928253937021455)]
    [InlineData(0.25, 8.857543832140432e-05, 0.01786870097543942)]
    [InlineData(0.50, 0.005574596680784432, 0.031005725347913876)]
    [InlineData(0.75, 0.02362512131760123, 0.04139944696214349)]
    public void Spent_alpha_matches_the_closed_forms(double t, double obf, double pocock)
    {
        Assert.Equal(obf, SpendingFunction.OBrienFleming(0.05).Spent(t), obf * 1e-9);
        Assert.Equal(pocock, SpendingFunction.Pocock(0.05).Spent(t), 1e-12);
    }

    [Fact]
    public void Other_alpha_levels_follow_the_same_closed_forms()
    {
        Assert.Equal(2.5661854242139276e-06, SpendingFunction.OBrienFleming(0.01).Spent(0.3), 1e-15);
        Assert.Equal(0.004157352218436287, SpendingFunction.Pocock(0.01).Spent(0.3), 1e-14);
    }

    [Theory]
    [InlineData(SpendingShape.OBrienFleming)]
    [InlineData(SpendingShape.Pocock)]
    public void Spending_runs_from_nothing_to_alpha_without_going_down(SpendingShape shape)
    {
        var f = new SpendingFunction(shape, 0.05);
        Assert.Equal(0, f.Spent(0));
        Assert.Equal(0.05, f.Spent(1), 15);
        var previous = 0.0;
        for (var t = 0.01; t <= 1.0001; t += 0.01)
        {
            var a = f.Spent(t);
            Assert.True(a >= previous, $"α({t}) = {a} < α before = {previous}");
            previous = a;
        }
    }

    [Fact]
    public void OBrien_Fleming_type_spends_less_early_than_Pocock_type()
    {
        foreach (var t in new[] { 0.1, 0.3, 0.5, 0.8 })
            Assert.True(SpendingFunction.OBrienFleming().Spent(t) < SpendingFunction.Pocock().Spent(t));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Alpha_outside_zero_one_is_refused_naming_the_field(double alpha)
    {
        var e = Assert.Throws<AnalysisInputException>(() => SpendingFunction.Pocock(alpha));
        Assert.Contains("analysis.alpha", e.Message);
    }
}
