
namespace Sweep.Grains.Experiments;

/// <summary>
/// An experiment's watchers and whether something changed since they were last told, free of Orleans calls: the
/// grain marks changes as they happen and, on its notify tick, tells the live watchers at most once per tick.
/// Subscriptions expire <paramref name="lifetime"/> after their last renewal.
/// </summary>
public sealed class WatcherSet<TKey, TWatcher>(TimeSpan lifetime) where TKey : notnull
{
    private readonly Dictionary<TKey, (TWatcher Watcher, DateTime Until)> _watchers = new();
    private bool _changed;

    public int Count => _watchers.Count;

    public void Add(TKey key, TWatcher watcher, DateTime now)
    {
        _watchers[key] = (watcher, now + lifetime);
        _changed = true; // a new watcher hears the current counts at once
    }

    public void Remove(TKey key) => _watchers.Remove(key);

    public void MarkChanged() => _changed = true;

    /// <summary>The watchers to tell now: none when nothing changed; drops expired subscriptions either way.</summary>
    public IReadOnlyList<TWatcher> TakeDue(DateTime now)
    {
        foreach (var key in _watchers.Where(w => w.Value.Until <= now).Select(w => w.Key).ToList()) _watchers.Remove(key);
        if (!_changed || _watchers.Count == 0) return [];
        _changed = false;
        return _watchers.Values.Select(w => w.Watcher).ToList();
    }
}
