using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sweep.Grains.Interfaces;

namespace Sweep.Dashboard.Feeds;

/// <summary>
/// The dashboard process's one watcher of one experiment, fanned out to every browser that shows it. It holds a single
/// observer subscription (renewed well within its lifetime), and on each change notification — or every
/// <see cref="Fallback"/>, since notifications are one-way — reads the experiment's status once and sends the same
/// snapshot to all listeners. Each listener keeps only the latest snapshot, so a slow browser never holds the others up.
/// The feed ends when its last listener leaves (<see cref="ExperimentFeeds"/> then forgets it).
/// </summary>
public sealed class ExperimentFeed : IExperimentObserver
{
    public static readonly TimeSpan Fallback = TimeSpan.FromSeconds(2);

    private readonly IClusterClient _client;
    private readonly IExperimentGrain _grain;
    private readonly Func<ExperimentFeed, bool> _retireIfIdle;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly List<Channel<string>> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private string? _latest;
    private int _notifications;

    internal ExperimentFeed(IClusterClient client, string experimentId, Func<ExperimentFeed, bool> retireIfIdle, ILogger log)
    {
        _client = client;
        ExperimentId = experimentId;
        _grain = client.GetGrain<IExperimentGrain>(experimentId);
        _retireIfIdle = retireIfIdle;
        _log = log;
    }

    public string ExperimentId { get; }
    public Task Completion { get; private set; } = Task.CompletedTask;
    /// <summary>Change notifications received from the experiment.</summary>
    public int Notifications => Volatile.Read(ref _notifications);

    public int ListenerCount { get { lock (_listeners) return _listeners.Count; } }

    /// <summary>Called under the hub's lock.</summary>
    internal ChannelReader<string> AddListener()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_listeners)
        {
            _listeners.Add(channel);
            if (_latest is { } latest) channel.Writer.TryWrite(latest);
        }
        return channel.Reader;
    }

    internal void RemoveListener(ChannelReader<string> reader)
    {
        lock (_listeners)
        {
            var channel = _listeners.FirstOrDefault(c => ReferenceEquals(c.Reader, reader));
            if (channel is null) return;
            _listeners.Remove(channel);
            channel.Writer.TryComplete();
        }
        Signal(); // the loop notices an empty feed at once
    }

    internal void Start() => Completion = Task.Run(RunAsync);

    internal void Stop()
    {
        _stop.Cancel();
        lock (_listeners) foreach (var c in _listeners) c.Writer.TryComplete();
    }

    public Task Changed(ExperimentCounts counts)
    {
        Interlocked.Increment(ref _notifications);
        Signal();
        return Task.CompletedTask;
    }

    private void Signal()
    {
        if (_changed.CurrentCount > 0) return;
        try { _changed.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
    }

    private async Task RunAsync()
    {
        var reference = _client.CreateObjectReference<IExperimentObserver>(this);
        var renewAt = DateTime.MinValue;
        try
        {
            while (!_stop.IsCancellationRequested && !_retireIfIdle(this))
            {
                if (DateTime.UtcNow >= renewAt)
                {
                    await TryAsync(() => _grain.Watch(reference), "subscribe");
                    renewAt = DateTime.UtcNow + ExperimentWatch.Lifetime / 3;
                }
                await TryAsync(PublishAsync, "read the status");
                try { await _changed.WaitAsync(Fallback, _stop.Token); }
                catch (OperationCanceledException) { break; }
            }
        }
        finally
        {
            await TryAsync(() => _grain.Unwatch(reference), "unsubscribe");
            _client.DeleteObjectReference<IExperimentObserver>(reference);
        }
    }

    private async Task PublishAsync()
    {
        var status = await _grain.GetStatus();
        var workers = await _client.GetGrain<IExperimentRegistryGrain>(0).Workers();
        var json = ExperimentSnapshot.From(status, workers, DateTimeOffset.UtcNow).ToJson();
        lock (_listeners)
        {
            if (json == _latest) return;
            _latest = json;
            foreach (var c in _listeners) c.Writer.TryWrite(json);
        }
    }

    private async Task TryAsync(Func<Task> action, string what)
    {
        try { await action(); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning("experiment {Id}: could not {What}: {Error}", ExperimentId, what, e.Message); // the next round tries again
        }
    }
}
