namespace Sweep.Grains.Interfaces;

/// <summary>Where a trial stands. Mirrors the training core's TrialState plus <see cref="Pending"/>/<see cref="Running"/>.</summary>
[GenerateSerializer]
public enum TrialStatus { Pending, Running, Completed, Failed, Diverged, Cancelled }

public static class TrialStatusExtensions
{
    public static bool IsFinished(this TrialStatus s) => s is TrialStatus.Completed or TrialStatus.Failed or TrialStatus.Diverged or TrialStatus.Cancelled;
}
