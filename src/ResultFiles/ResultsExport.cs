using Sweep.Grains.Interfaces;

namespace Sweep.ResultFiles;

/// <summary>Fetches an experiment's outcomes (page by page) and its analysis from the cluster and writes them (<see cref="ResultsWriter"/>):
/// what <c>sweep run</c> does at the end and <c>sweep results</c> does on request.</summary>
public static class ResultsExport
{
    /// <summary>How long the export waits for the analysis of a large sweep.</summary>
    public static readonly TimeSpan AnalysisLimit = TimeSpan.FromMinutes(10);

    /// <returns>the results written and notes on what could not be.</returns>
    public static async Task<(ExperimentResults Results, IReadOnlyList<string> Notes)> WriteAsync(IClusterClient client, IExperimentGrain grain, string outDir)
    {
        var results = await ResultsPaging.FetchAllAsync(grain);
        var answer = await AnalysisRequest.WaitAsync(client.GetGrain<IAggregationGrain>(results.Id), results.Spec?.Analysis ?? new(), AnalysisLimit);
        var notes = ResultsWriter.Write(outDir, results, answer.Report);
        return (results, answer.Ready ? notes : [.. notes, $"the analysis was still being computed after {AnalysisLimit.TotalMinutes:0} minutes; run 'sweep results {results.Id}' again later"]);
    }
}
