using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Sweep.Dashboard.Feeds;

/// <summary>
/// The live feeds of this dashboard process: at most one per experiment, however many browsers show it, so the cluster
/// sees one observer subscription per experiment and dashboard, not one per browser.
/// </summary>
public sealed class ExperimentFeeds(IClusterClient client, ILogger<ExperimentFeeds> log) : IAsyncDisposable
{
    private readonly Dictionary<string, ExperimentFeed> _feeds = new(StringComparer.Ordinal);
    private int _started;

    /// <summary>Feeds started so far (each is one subscription to its experiment while it lives).</summary>
    public int FeedsStarted => Volatile.Read(ref _started);

    public ExperimentFeed? Find(string experimentId)
    {
        lock (_feeds) return _feeds.GetValueOrDefault(experimentId);
    }

    /// <summary>Joins the experiment's feed, starting it for the first listener. The reader gets the latest snapshot
    /// first (when there is one), then each new one; leave with <see cref="Leave"/>.</summary>
    public (ExperimentFeed Feed, ChannelReader<string> Reader) Join(string experimentId)
    {
        lock (_feeds)
        {
            if (!_feeds.TryGetValue(experimentId, out var feed))
            {
                feed = new ExperimentFeed(client, experimentId, RetireIfIdle, log);
                _feeds[experimentId] = feed;
                var reader = feed.AddListener();
                Interlocked.Increment(ref _started);
                feed.Start();
                return (feed, reader);
            }
            return (feed, feed.AddListener());
        }
    }

    public static void Leave(ExperimentFeed feed, ChannelReader<string> reader) => feed.RemoveListener(reader);

    /// <summary>From a feed's loop: forgets it when nobody listens any more (under the lock, so a browser that joins at
    /// that moment starts a new feed instead of joining one that is ending).</summary>
    private bool RetireIfIdle(ExperimentFeed feed)
    {
        lock (_feeds)
        {
            if (feed.ListenerCount > 0) return false;
            if (_feeds.TryGetValue(feed.ExperimentId, out var current) && ReferenceEquals(current, feed)) _feeds.Remove(feed.ExperimentId);
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ExperimentFeed> feeds;
        lock (_feeds) { feeds = [.. _feeds.Values]; _feeds.Clear(); }
        foreach (var f in feeds) f.Stop();
        await Task.WhenAll(feeds.Select(f => f.Completion));
    }
}
