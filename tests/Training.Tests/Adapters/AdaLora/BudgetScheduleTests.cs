using Sweep.Training.Adapters.AdaLora;

namespace Sweep.Training.Tests.Adapters.AdaLora;

[Category(Category.Unit)]
public sealed class BudgetScheduleTests
{
    // Golden points of PEFT's cubic schedule for BERT-base all-linear, 73 modules × init 12 = 876 → × target 4 = 292;
    // tinit 200, tfinal 500, total 3000, deltaT 10.
    [Theory]
    [InlineData(0, 876, false)]
    [InlineData(200, 876, false)]
    [InlineData(201, 875, false)]
    [InlineData(250, 838, true)]
    [InlineData(500, 675, true)]
    [InlineData(1000, 453, true)]
    [InlineData(1500, 339, true)]
    [InlineData(2000, 297, true)]
    [InlineData(2499, 292, false)]
    [InlineData(2500, 292, true)]
    [InlineData(3000, 292, true)]
    public void MatchesThePeftCubicScheduleGoldenPoints(int step, int budget, bool mask)
    {
        var schedule = new BudgetSchedule(876, 292, tinit: 200, tfinal: 500, totalStep: 3000, deltaT: 10);
        Assert.Equal(new BudgetPoint(budget, mask), schedule.At(step));
    }

    [Fact]
    public void BudgetNeverRisesAndEndsAtTheTarget()
    {
        var schedule = new BudgetSchedule(876, 292, 200, 500, 3000, 10);
        var budgets = Enumerable.Range(0, 3001).Select(s => schedule.At(s).Budget).ToArray();
        Assert.True(budgets.Zip(budgets.Skip(1)).All(p => p.Second <= p.First));
        Assert.Equal(292, budgets[^1]);
        Assert.Equal(2500, schedule.FinalMaskStep);
    }

    [Theory]
    [InlineData(876, 876, 200, 500, 3000, 10, "target")]
    [InlineData(876, 900, 200, 500, 3000, 10, "target")]
    [InlineData(876, 292, 2500, 500, 3000, 10, "tinit")]
    [InlineData(876, 292, 200, 500, 3000, 0, "deltaT")]
    [InlineData(876, 292, 200, 500, 0, 10, "total_step")]
    [InlineData(0, 0, 200, 500, 3000, 10, "init budget")]
    public void RejectsSchedulesThatCannotWork(int init, int target, int tinit, int tfinal, int total, int deltaT, string field)
    {
        var ex = Assert.Throws<InvalidInputException>(() => new BudgetSchedule(init, target, tinit, tfinal, total, deltaT));
        Assert.Contains(field, ex.Message);
    }
}
