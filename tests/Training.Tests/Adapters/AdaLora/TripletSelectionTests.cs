using Sweep.Training.Adapters.AdaLora;

namespace Sweep.Training.Tests.Adapters.AdaLora;

[Category(Category.Unit)]
public sealed class TripletSelectionTests
{
    [Fact]
    public void KeepsExactlyTheBudgetHighestScoresWithoutTies()
    {
        var r = TripletSelection.Select(new[] { 0.5f, 0.1f, 0.9f, 0.3f, 0.7f }, 3);
        Assert.Equal(new[] { true, false, true, false, true }, r.Keep);
        Assert.Equal(3, r.Kept);
        Assert.Equal(0, r.TiedAtThreshold);
        Assert.Equal(0, r.KeptBeyondBudget);
    }

    [Fact]
    public void KeepsAllExactTiesAtTheThresholdAndReportsThem()
    {
        // Budget 2: the 2nd largest is 0.4, shared by three triplets → 1 + 3 kept, 2 beyond the budget.
        var r = TripletSelection.Select(new[] { 0.4f, 0.9f, 0.4f, 0.1f, 0.4f }, 2);
        Assert.Equal(new[] { true, true, true, false, true }, r.Keep);
        Assert.Equal(4, r.Kept);
        Assert.Equal(3, r.TiedAtThreshold);
        Assert.Equal(2, r.KeptBeyondBudget);
    }

    [Fact]
    public void NaNScoresAreNeverKeptAndBudgetAboveCountKeepsAll()
    {
        var r = TripletSelection.Select(new[] { float.NaN, 0.2f, 0.3f }, 1);
        Assert.Equal(new[] { false, false, true }, r.Keep);
        Assert.All(TripletSelection.Select(new[] { 1f, 2f }, 5).Keep, Assert.True);
    }
}
