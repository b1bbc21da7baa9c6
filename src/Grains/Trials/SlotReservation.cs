namespace Sweep.Grains.Trials;

/// <summary>
/// The memory one piece of work holds on the silo's <see cref="SlotWorkers"/> while it executes: its need when it
/// started, raised by <see cref="SlotWorkers.Raise"/> when the work measures more while it runs. Changed only under
/// the slots' lock.
/// </summary>
public sealed class SlotReservation
{
    /// <summary>Bytes held now (0 before the work starts and after it ends).</summary>
    public long Bytes { get; internal set; }

    /// <summary>Whether the work is executing (holding <see cref="Bytes"/>).</summary>
    public bool Executing { get; internal set; }
}
