using Sweep.Analysis.Sequential;

namespace Sweep.Analysis.Tests.Sequential;

[Category(Category.Unit)]
public sealed class DesignTests
{
    [Theory]
    [InlineData(3, 3, 12, new[] { 3, 6, 9, 12 })]
    [InlineData(3, 4, 12, new[] { 3, 7, 11, 12 })]
    [InlineData(5, 5, 5, new[] { 5 })]
    [InlineData(2, 10, 4, new[] { 2, 4 })]
    public void Looks_follow_start_step_and_always_end_at_max(int start, int step, int max, int[] looks) =>
        Assert.Equal(looks, new SeedSchedule(start, step, max).Looks);

    [Theory]
    [InlineData(1, 3, 12, "seeds.start")]
    [InlineData(3, 0, 12, "seeds.step")]
    [InlineData(6, 3, 4, "seeds.max")]
    public void Bad_schedules_are_refused_naming_the_field(int start, int step, int max, string field)
    {
        var e = Assert.Throws<AnalysisInputException>(() => new SeedSchedule(start, step, max));
        Assert.Contains(field, e.Message);
    }

    [Theory]
    [InlineData(SequentialMethod.OBrienFleming)]
    [InlineData(SequentialMethod.Pocock)]
    public void A_design_records_fractions_spent_alpha_and_both_boundary_sets(SequentialMethod method)
    {
        var d = GroupSequentialDesign.Create(method, 0.05, new SeedSchedule(3, 3, 12));
        Assert.Equal([0.25, 0.5, 0.75, 1.0], d.Fractions);
        Assert.Equal(0.05, d.CumulativeAlpha[^1], 15);
        var spending = method == SequentialMethod.Pocock ? SpendingFunction.Pocock() : SpendingFunction.OBrienFleming();
        Assert.Equal(spending.Spent(0.5), d.CumulativeAlpha[1], 15);
        Assert.Equal(BoundarySolver.Spending(spending, d.Fractions), d.NormalBoundaries);
        // The first look is exact either way; later t-calibrated boundaries sit near the normal ones.
        Assert.Equal(d.NormalBoundaries[0], d.Boundaries[0], 12);
        for (var k = 1; k < 4; k++) Assert.InRange(d.Boundaries[k] - d.NormalBoundaries[k], -0.1, 0.15);
        var plain = GroupSequentialDesign.Create(method, 0.05, new SeedSchedule(3, 3, 12), calibrateForT: false);
        Assert.Equal(plain.NormalBoundaries, plain.Boundaries);
    }

    [Fact]
    public void With_many_seeds_the_t_calibration_returns_the_normal_boundaries()
    {
        // At 50 and 100 pairs the t statistics are nearly normal, so the simulated boundary must land on the
        // recursion's (Monte Carlo error about 0.006 here).
        var spending = SpendingFunction.OBrienFleming();
        double[] t = [0.5, 1.0];
        var normal = BoundarySolver.Spending(spending, t);
        var calibrated = PairedTCalibration.Boundaries([50, 100], t.Select(spending.Spent).ToArray(), paths: 100_000);
        Assert.Equal(normal[0], calibrated[0], 10);
        Assert.True(Math.Abs(normal[1] - calibrated[1]) < 0.03, $"calibrated {calibrated[1]:F4}, normal {normal[1]:F4}");
    }

    [Fact]
    public void Calibration_is_deterministic_for_a_seed() =>
        Assert.Equal(
            PairedTCalibration.Boundaries([3, 6], [0.01, 0.05], paths: 20_000, seed: 9),
            PairedTCalibration.Boundaries([3, 6], [0.01, 0.05], paths: 20_000, seed: 9));
}
