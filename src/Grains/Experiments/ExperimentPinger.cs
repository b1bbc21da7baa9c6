using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;

namespace Sweep.Grains.Experiments;

/// <summary>
/// At most one call in flight per trial (or base); the dispatcher's chosen silo travels in the request context for the
/// placement director. A failed call (silo lost, timeout) is dropped: the next pump tick tries again.
/// </summary>
public sealed class ExperimentPinger
{
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    public void Ping<T>(string trialId, Func<Task<T>> call, string? preferredSilo, Action<T> apply)
    {
        if (_inFlight.Add(trialId)) _ = Run(trialId, call, preferredSilo, apply);
    }

    private async Task Run<T>(string trialId, Func<Task<T>> call, string? preferredSilo, Action<T> apply)
    {
        try
        {
            Task<T> pending;
            if (preferredSilo is not null) RequestContext.Set(WorkerPlacementDirector.PreferredSiloKey, preferredSilo);
            try { pending = call(); }
            finally { RequestContext.Remove(WorkerPlacementDirector.PreferredSiloKey); }
            apply(await pending);
        }
        catch (Exception) { /* retried on the next tick */ }
        finally { _inFlight.Remove(trialId); }
    }
}
