namespace Sweep.Settings;

/// <summary>
/// Where a trial stands, in the core (which ends a run Completed, Failed, Diverged or Cancelled) and in the cluster
/// (which also tracks Pending and Running). One enum for both: results and the wire carry the same names.
/// <see cref="TrialStateExtensions.IsFinished"/> says whether it can still change.
/// </summary>
[GenerateSerializer]
public enum TrialState { Pending, Running, Completed, Failed, Diverged, Cancelled }

public static class TrialStateExtensions
{
    public static bool IsFinished(this TrialState s) => s is TrialState.Completed or TrialState.Failed or TrialState.Diverged or TrialState.Cancelled;
}
