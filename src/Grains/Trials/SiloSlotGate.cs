namespace Sweep.Grains.Trials;

/// <summary>
/// The silo's slots: at most <see cref="Slots"/> trials execute on this silo at once, whatever experiments they
/// belong to. A trial placed here when all slots are busy waits (on its own thread) for one to free.
/// </summary>
public sealed class SiloSlotGate(int slots, SimulationLog? log = null, string silo = "")
{
    private readonly SemaphoreSlim _slots = new(Math.Max(slots, 0));
    public int Slots { get; } = slots;
    public int Busy => Slots - _slots.CurrentCount;

    public void Enter(CancellationToken ct)
    {
        _slots.Wait(ct);
        log?.Enter(silo);
    }

    public void Exit()
    {
        log?.Exit(silo);
        _slots.Release();
    }
}
