using Sweep.Grains.Interfaces;

namespace Sweep.Client.Progress;

/// <summary>
/// This console as a watcher of one experiment: subscribed while it lives, renewed well before the subscription
/// expires, and a wait that ends at the next change notification or after a fallback interval (notifications are
/// one-way, and an experiment reactivated on another silo knows its watchers again only after the next renewal).
/// </summary>
public sealed class ChangeSignal : IExperimentObserver, IAsyncDisposable
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly IGrainFactory _factory;
    private readonly IExperimentGrain _grain;
    private readonly IExperimentObserver _reference;
    private DateTime _renewAt;
    private int _received;

    private ChangeSignal(IGrainFactory factory, IExperimentGrain grain)
    {
        _factory = factory;
        _grain = grain;
        _reference = factory.CreateObjectReference<IExperimentObserver>(this);
    }

    /// <summary>Notifications received so far (for tests and diagnostics).</summary>
    public int Received => Volatile.Read(ref _received);

    public static async Task<ChangeSignal> SubscribeAsync(IGrainFactory factory, IExperimentGrain grain)
    {
        var signal = new ChangeSignal(factory, grain);
        await signal.RenewAsync();
        return signal;
    }

    public Task Changed(ExperimentCounts counts)
    {
        Interlocked.Increment(ref _received);
        if (_changed.CurrentCount == 0)
        {
            try { _changed.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
        return Task.CompletedTask;
    }

    /// <summary>Waits for the next change, at most <paramref name="fallback"/>; renews the subscription when due.</summary>
    public async Task WaitAsync(TimeSpan fallback, CancellationToken ct)
    {
        await _changed.WaitAsync(fallback, ct);
        if (DateTime.UtcNow >= _renewAt) await RenewAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await _grain.Unwatch(_reference); }
        catch (Exception) { /* the subscription expires by itself */ }
        _factory.DeleteObjectReference<IExperimentObserver>(_reference);
    }

    private async Task RenewAsync()
    {
        try { await _grain.Watch(_reference); }
        catch (Exception) when (_renewAt != default) { /* the experiment is moving; the fallback keeps the view going */ }
        _renewAt = DateTime.UtcNow + ExperimentWatch.Lifetime / 3;
    }
}
