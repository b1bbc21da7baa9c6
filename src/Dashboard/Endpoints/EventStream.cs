using Microsoft.AspNetCore.Http;
using Sweep.Dashboard.Feeds;

namespace Sweep.Dashboard.Endpoints;

/// <summary>An experiment's snapshots to one browser as Server-Sent Events, from the experiment's shared feed.</summary>
public static class EventStream
{
    public static async Task WriteAsync(HttpContext context, ExperimentFeeds feeds, string experimentId)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // a proxy in front must not hold events back
        await response.Body.FlushAsync(context.RequestAborted);
        var (feed, reader) = feeds.Join(experimentId);
        try
        {
            await foreach (var json in reader.ReadAllAsync(context.RequestAborted))
            {
                await response.WriteAsync($"data: {json}\n\n", context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) { /* the browser went away */ }
        finally
        {
            ExperimentFeeds.Leave(feed, reader);
        }
    }
}
