using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Experiments;

/// <summary>
/// Builds the <see cref="ExperimentStatus"/> snapshot that <c>status</c> and <c>watch</c> show. Up to
/// <see cref="MaxListed"/> trials it lists every one; beyond, the running ones and then the unsuccessful finished ones
/// up to that bound, so a poll of a huge sweep stays small; the counts always cover every trial.
/// </summary>
public static class ExperimentStatusBuilder
{
    public const int MaxListed = 1_000;

    public static ExperimentState StateOf(ExperimentGrainState s, ExperimentBook book) =>
        s.Spec is null ? ExperimentState.NotSubmitted
        : !book.AllFinished ? ExperimentState.Running
        : s.Cancelled ? ExperimentState.Cancelled : ExperimentState.Completed;

    /// <summary>What watchers are told on each change: the state and the counts, never the trial list.</summary>
    public static ExperimentCounts Counts(ExperimentGrainState s, ExperimentBook book) =>
        new(StateOf(s, book), book.Trials.Count, book.PendingPerAccelerator.Values.Sum(), book.RunningCount, book.FinishedCount);

    public static ExperimentStatus Build(string id, ExperimentGrainState s, ExperimentBook book, IReadOnlyDictionary<string, TrialProgressInfo> progress,
        IReadOnlyList<BaseView> bases)
    {
        var state = StateOf(s, book);
        return new ExperimentStatus
        {
            Id = id,
            Name = s.Spec?.Name ?? "",
            State = state,
            SubmittedAt = s.SubmittedAt,
            FinishedAt = s.FinishedAt,
            StateCounts = new Dictionary<TrialState, int>(book.PerState),
            Sequential = s.Sequential,
            Bases = bases,
            Trials = Listed(book).Select(t => new TrialView
            {
                Id = t.Plan.Id, State = t.State, Silo = t.Silo, Attempts = t.Outcome?.Attempts ?? progress.GetValueOrDefault(t.Plan.Id)?.Attempt ?? 0,
                Progress = progress.GetValueOrDefault(t.Plan.Id), Error = t.Outcome?.Error,
            }).ToList(),
        };
    }

    private static IEnumerable<TrialEntry> Listed(ExperimentBook book)
    {
        if (book.Trials.Count <= MaxListed) return book.Trials;
        var unsuccessful = book.Trials.Where(t => t.State is TrialState.Failed or TrialState.Diverged);
        return book.Running().Concat(unsuccessful).Take(MaxListed);
    }
}
