using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Experiments;

/// <summary>Builds the <see cref="ExperimentStatus"/> snapshot that <c>status</c> and <c>watch</c> show.</summary>
public static class ExperimentStatusBuilder
{
    public static ExperimentStatus Build(string id, ExperimentGrainState s, ExperimentBook book, IReadOnlyDictionary<string, TrialProgressInfo> progress)
    {
        var state = s.Spec is null ? ExperimentState.NotSubmitted
            : !book.AllFinished ? ExperimentState.Running
            : s.Cancelled ? ExperimentState.Cancelled : ExperimentState.Completed;
        return new ExperimentStatus
        {
            Id = id,
            Name = s.Spec?.Name ?? "",
            State = state,
            SubmittedAt = s.SubmittedAt,
            FinishedAt = s.FinishedAt,
            Trials = book.Trials.Select(t => new TrialView
            {
                Id = t.Plan.Id, State = t.State, Silo = t.Silo, Attempts = t.Outcome?.Attempts ?? progress.GetValueOrDefault(t.Plan.Id)?.Attempt ?? 0,
                Progress = progress.GetValueOrDefault(t.Plan.Id), Error = t.Outcome?.Error,
            }).ToList(),
        };
    }
}
