using Sweep.Grains.Experiments;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Cluster;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class ExperimentBookTests
{
    private static TrialOutcome Done(string id, TrialState s = TrialState.Completed, string silo = "a") =>
        new() { Id = id, Task = "t", Preset = "B-FP", State = s, Silo = silo };

    [Fact]
    public void The_first_final_outcome_per_trial_wins()
    {
        var book = new ExperimentBook(ExperimentBook.Expand(Specs.Make("b", 2, ["B-FP"], 1)));
        var id = book.Trials[0].Plan.Id;
        book.MarkRunning(id, "a");

        Assert.True(book.Accept(Done(id)));
        Assert.False(book.Accept(Done(id, TrialState.Failed, "b")));
        Assert.False(book.Accept(Done("no/such/trial")));
        Assert.False(book.Accept(Done(book.Trials[1].Plan.Id, TrialState.Running)));
        Assert.Equal(TrialState.Completed, book.Find(id)!.State);
        Assert.Equal("a", book.Find(id)!.Outcome!.Silo);
        var accelerator = book.Trials[0].Plan.Placement.Accelerator;
        Assert.Equal(1, book.PerAcceleratorState[(accelerator, TrialState.Completed)]);
        Assert.Equal(1, book.PerAcceleratorState[(accelerator, TrialState.Pending)]);
        Assert.False(book.PerAcceleratorState.ContainsKey((accelerator, TrialState.Running)));
    }

    [Fact]
    public void Added_trials_are_pending_after_the_others_and_the_book_is_unfinished_again()
    {
        var spec = Specs.Make("b", 2, ["B-FP"], 1);
        var book = new ExperimentBook(ExperimentBook.Expand(spec));
        foreach (var t in book.Trials.ToList()) book.Accept(Done(t.Plan.Id));
        Assert.True(book.AllFinished);

        var next = SpecExpander.Expand(spec, [3, 4]);
        book.Add(next);

        Assert.False(book.AllFinished);
        Assert.Equal(next.Select(p => p.Id), book.Pending().Select(p => p.Id));
        Assert.Equal(4, book.Trials.Count);
        Assert.Equal(2, book.FinishedCount);
        Assert.Equal(2, book.PerAcceleratorState[(next[0].Placement.Accelerator, TrialState.Pending)]);
        Assert.Throws<InvalidOperationException>(() => book.Add([next[0]]));
    }

    [Fact]
    public void Cancel_marks_pending_trials_and_returns_the_running_ones_and_the_cancelled_outcomes()
    {
        var book = new ExperimentBook(ExperimentBook.Expand(Specs.Make("b", 3, ["B-FP"], 1)));
        book.MarkRunning(book.Trials[0].Plan.Id, "a");
        book.Accept(Done(book.Trials[1].Plan.Id));

        var (running, cancelled) = book.Cancel();

        Assert.Equal([book.Trials[0].Plan.Id], running.Select(t => t.Plan.Id));
        Assert.Equal([book.Trials[2].Plan.Id], cancelled.Select(o => o.Id)); // what the aggregation must be told
        Assert.All(cancelled, o => Assert.Equal(TrialState.Cancelled, o.State));
        Assert.Equal(TrialState.Cancelled, book.Trials[2].State);
        Assert.Equal(TrialState.Completed, book.Trials[1].State);
        Assert.False(book.AllFinished);
        Assert.True(book.Accept(Done(book.Trials[0].Plan.Id, TrialState.Cancelled)));
        Assert.True(book.AllFinished);
    }
}
