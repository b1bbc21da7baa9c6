using Orleans;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Results;

/// <summary>Fetches an experiment's outcomes (page by page) and its analysis from the cluster and writes them (<see cref="ResultsWriter"/>):
/// what <c>sweep run</c> does at the end and <c>sweep results</c> does on request.</summary>
public static class ResultsExport
{
    /// <returns>the results written and notes on what could not be.</returns>
    public static async Task<(ExperimentResults Results, IReadOnlyList<string> Notes)> WriteAsync(IClusterClient client, IExperimentGrain grain, string outDir)
    {
        var results = await ResultsPaging.FetchAllAsync(grain);
        var analysis = await client.GetGrain<IAggregationGrain>(results.Id).GetAnalysis(results.Spec?.Analysis ?? new());
        return (results, ResultsWriter.Write(outDir, results, analysis));
    }
}
