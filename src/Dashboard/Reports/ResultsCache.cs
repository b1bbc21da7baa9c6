using Sweep.Settings;
using Sweep.Grains.Interfaces;
using Sweep.ResultFiles;

namespace Sweep.Dashboard.Reports;

/// <summary>
/// The results of finished experiments, fetched from the cluster and written once per experiment (a finished sweep no
/// longer changes) with the console's writer, so the pages and downloads are the same files <c>sweep results</c> writes.
/// Sweeps still running have no results here yet.
/// </summary>
public sealed class ResultsCache(IClusterClient client, string root)
{
    private readonly Dictionary<string, Task<FinishedResults>> _done = new(StringComparer.Ordinal);

    /// <summary>The results when the experiment has finished; null while it runs or when it does not exist.</summary>
    public async Task<FinishedResults?> GetAsync(string experimentId)
    {
        Task<FinishedResults>? task;
        lock (_done) _done.TryGetValue(experimentId, out task);
        if (task is null)
        {
            var counts = await client.GetGrain<IExperimentGrain>(experimentId).GetCounts();
            if (!counts.IsFinished) return null;
            lock (_done)
            {
                if (!_done.TryGetValue(experimentId, out task)) _done[experimentId] = task = WriteAsync(experimentId);
            }
        }
        try { return await task; }
        catch
        {
            lock (_done) _done.Remove(experimentId); // the next request tries again
            throw;
        }
    }

    private async Task<FinishedResults> WriteAsync(string experimentId)
    {
        var grain = client.GetGrain<IExperimentGrain>(experimentId);
        var results = await ResultsPaging.FetchAllAsync(grain);
        var answer = await AnalysisRequest.WaitAsync(client.GetGrain<IAggregationGrain>(experimentId), results.Spec?.Analysis ?? new(), ResultsExport.AnalysisLimit);
        var dir = Path.Combine(root, SafeName(experimentId));
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var notes = await Task.Run(() => ResultsWriter.Write(dir, results, answer.Report)); // figures take a moment: off the request thread
        var completed = results.Trials.Where(t => t.State == TrialState.Completed).Select(t => t.Id).ToList();
        var adapters = completed.Count == 0 ? [] : await client.GetGrain<IAdapterGrain>(experimentId).Stored(completed);
        return new FinishedResults(results, answer.Report, dir, notes, adapters);
    }

    private static string SafeName(string id) => string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
