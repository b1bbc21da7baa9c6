namespace Sweep.Grains.Interfaces;

/// <summary>Reads an experiment's results page by page, so no single message carries a large sweep's every outcome.</summary>
public static class ResultsPaging
{
    /// <summary>Trials per page: a few MB per message at most.</summary>
    public const int PageSize = 5_000;

    public static async Task<ExperimentResults> FetchAllAsync(IExperimentGrain grain, int pageSize = PageSize)
    {
        var first = await grain.GetResultsPage(0, pageSize);
        var outcomes = new List<TrialOutcome>(first.Trials);
        for (var offset = pageSize; offset < first.TotalTrials; offset += pageSize)
            outcomes.AddRange((await grain.GetResultsPage(offset, pageSize)).Trials);
        var last = first.TotalTrials > pageSize ? await grain.GetResultsPage(first.TotalTrials, 0) : first; // the state after the last page
        return first with { Trials = outcomes, State = last.State };
    }
}
