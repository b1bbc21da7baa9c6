namespace Sweep.Grains.Trials;

/// <summary>
/// The silo's slots as long-lived dedicated threads, one per slot: at most <see cref="Slots"/> trials execute on this
/// silo at once, whatever experiments they belong to, and the memory they need (their predicted peaks) together stays
/// within <see cref="MemoryBudget"/>. Work posted while it cannot start waits; a free slot takes the first waiting work,
/// in order, whose need fits the budget left (so a large trial can wait while smaller ones behind it start). Work that
/// needs more than the whole budget starts only when nothing else executes, so it never waits forever. Executing work
/// holds its need until it ends, raised when it measures more while it runs (<see cref="Raise"/>: a trial process's
/// peak so far), so a prediction that falls short stops counting as soon as the trial shows it.
/// Training runs here, outside grain turns (TorchSharp dispose scopes are thread-static and a training step must
/// never block the grain scheduler); reusing the threads saves creating and tearing down one per trial.
/// </summary>
public sealed class SlotWorkers : IDisposable
{
    private readonly LinkedList<(Action Work, Func<long> Need, SlotReservation Reservation)> _queue = new();
    private readonly object _gate = new();
    private bool _stopped;
    private int _busy;
    private long _reserved;

    /// <param name="memoryBudget">bytes the executing work may need together; 0 or less: no memory limit.</param>
    public SlotWorkers(int slots, long memoryBudget = 0)
    {
        Slots = Math.Max(slots, 0);
        MemoryBudget = Math.Max(memoryBudget, 0);
        for (var i = 0; i < Slots; i++)
            new Thread(Loop) { IsBackground = true, Name = $"sweep slot {i + 1}/{Slots}" }.Start();
    }

    public int Slots { get; }

    /// <summary>Bytes the executing work may need together; 0: no limit.</summary>
    public long MemoryBudget { get; }

    /// <summary>Peaks measured here per trial recipe; a trial's need is at least its recipe's.</summary>
    public MeasuredPeaks Peaks { get; } = new();

    /// <summary>Slots executing work now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>The reservations of the work executing now, summed.</summary>
    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>Work posted and not yet started.</summary>
    public int Waiting { get { lock (_gate) return _queue.Count; } }

    /// <summary>Queues work for the next free slot whose budget left fits <paramref name="need"/> bytes. The work must not
    /// throw (a throw is contained and dropped).</summary>
    public void Post(Action work, long need = 0) => Post(work, () => need);

    /// <summary>As <see cref="Post(Action, long)"/>, with the need asked again each time the work could start (it can grow
    /// while the work waits: <see cref="Peaks"/>); the work holds the need it started with until it ends, in
    /// <paramref name="reservation"/> when given (so that it can be raised while the work runs).</summary>
    public void Post(Action work, Func<long> need, SlotReservation? reservation = null)
    {
        lock (_gate)
        {
            if (_stopped) throw new InvalidOperationException("the silo's slots are stopped");
            _queue.AddLast((work, need, reservation ?? new SlotReservation()));
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Raises what executing work holds to <paramref name="bytes"/> when that is more (never lowers it: the
    /// work may need its prediction yet). Nothing when the work is not executing.</summary>
    public void Raise(SlotReservation reservation, long bytes)
    {
        lock (_gate)
        {
            if (!reservation.Executing || bytes <= reservation.Bytes) return;
            _reserved += bytes - reservation.Bytes;
            reservation.Bytes = bytes;
        }
    }

    /// <summary>Stops the threads once their current work ends; queued work is dropped with the silo.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _queue.Clear();
            Monitor.PulseAll(_gate);
        }
    }

    private void Loop()
    {
        while (Take() is var (work, reservation) && work is not null)
        {
            try { work(); }
            catch (Exception) { /* TrialRun reports its own failures; nothing may kill a slot */ }
            finally
            {
                lock (_gate)
                {
                    _busy--;
                    _reserved -= reservation!.Bytes;
                    reservation.Bytes = 0;
                    reservation.Executing = false;
                    Monitor.PulseAll(_gate); // memory was freed: waiting work may fit now
                }
            }
        }
    }

    /// <summary>Blocks until some waiting work fits, and reserves its need; (null, null) once stopped.</summary>
    private (Action? Work, SlotReservation? Reservation) Take()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_stopped) return (null, null);
                for (var node = _queue.First; node is not null; node = node.Next)
                {
                    var need = Math.Max(node.Value.Need(), 0);
                    if (!Fits(need)) continue;
                    _queue.Remove(node);
                    _busy++;
                    _reserved += need;
                    node.Value.Reservation.Bytes = need;
                    node.Value.Reservation.Executing = true;
                    return (node.Value.Work, node.Value.Reservation);
                }
                Monitor.Wait(_gate);
            }
        }
    }

    private bool Fits(long need) => MemoryBudget <= 0 || _reserved + need <= MemoryBudget || _busy == 0;
}
