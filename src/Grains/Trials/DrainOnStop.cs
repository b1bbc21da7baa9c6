namespace Sweep.Grains.Trials;

/// <summary>
/// Runs the <see cref="SiloDrain"/> when the silo stops, at the stage where it tells the cluster it is shutting down (so
/// that placement and dispatch leave it out) and before its grains deactivate (so that the trial grains can still store
/// their state and tell their experiments). Orleans stops gracefully only within the host's shutdown timeout, which the
/// silo host sets to cover the drain (<see cref="Hosting.SweepSiloOptions.DrainGrace"/>).
/// </summary>
public sealed class DrainOnStop(SiloDrain drain, Hosting.SiloHardware hardware) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (hardware.Slots > 0) // a silo without slots runs no trials
            lifecycle.Subscribe(nameof(DrainOnStop), ServiceLifecycleStage.BecomeActive, _ => Task.CompletedTask, drain.DrainAsync);
    }
}
