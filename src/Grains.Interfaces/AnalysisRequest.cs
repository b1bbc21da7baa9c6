using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>Asks an aggregation grain for its analysis in calls that each stay well inside the grain-call timeout,
/// however long the analysis of a large sweep takes, until it is ready or <c>limit</c> has passed.</summary>
public static class AnalysisRequest
{
    /// <summary>The longest one call waits for an analysis being computed.</summary>
    public static readonly TimeSpan PerCall = TimeSpan.FromSeconds(10);

    /// <returns>ready: the report (null when it cannot be computed); false when it was still computing after <paramref name="limit"/>.</returns>
    public static async Task<AnalysisAnswer> WaitAsync(IAggregationGrain aggregation, AnalysisSpec options, TimeSpan limit, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var answer = await aggregation.GetAnalysisWithin(options, PerCall);
            if (answer.Ready || DateTime.UtcNow >= deadline) return answer;
        }
    }
}
