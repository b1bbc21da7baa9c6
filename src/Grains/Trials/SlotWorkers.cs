using System.Collections.Concurrent;

namespace Sweep.Grains.Trials;

/// <summary>
/// The silo's slots as long-lived dedicated threads, one per slot: at most <see cref="Slots"/> trials execute on this
/// silo at once, whatever experiments they belong to, and work posted while every slot is busy waits in order.
/// Training runs here, outside grain turns (TorchSharp dispose scopes are thread-static and a training step must
/// never block the grain scheduler); reusing the threads saves creating and tearing down one per trial.
/// </summary>
public sealed class SlotWorkers : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private int _busy;
    public SlotWorkers(int slots)
    {
        Slots = Math.Max(slots, 0);
        for (var i = 0; i < Slots; i++)
            new Thread(Loop) { IsBackground = true, Name = $"sweep slot {i + 1}/{Slots}" }.Start();
    }

    public int Slots { get; }

    /// <summary>Slots executing work now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>Queues work for the next free slot. The work must not throw (a throw is contained and dropped).</summary>
    public void Post(Action work) => _queue.Add(work);

    /// <summary>Stops the threads once their current work ends; queued work is dropped with the silo.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _queue.CompleteAdding();
    }

    private void Loop()
    {
        try
        {
            foreach (var work in _queue.GetConsumingEnumerable(_stop.Token))
            {
                Interlocked.Increment(ref _busy);
                try { work(); }
                catch (Exception) { /* TrialRun reports its own failures; nothing may kill a slot */ }
                finally { Interlocked.Decrement(ref _busy); }
            }
        }
        catch (OperationCanceledException) { /* silo stopping */ }
    }
}
