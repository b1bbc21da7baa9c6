using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Placement;

/// <summary>
/// Picks the silo for a trial activation: the dispatcher's preferred silo when it still satisfies the trial,
/// else the satisfying worker with the most slots (ties broken at random so that <c>any</c> trials spread).
/// </summary>
public static class PlacementChooser
{
    public static WorkerInfo? Choose(PlacementSpec need, IReadOnlyList<WorkerInfo> candidates, string? preferred, Random random)
    {
        var fit = candidates.Where(w => w.Satisfies(need)).ToList();
        if (fit.Count == 0) return null;
        if (preferred is not null && fit.FirstOrDefault(w => w.Silo == preferred) is { } p) return p;
        var most = fit.Max(w => w.Slots);
        var best = fit.Where(w => w.Slots == most).ToList();
        return best[random.Next(best.Count)];
    }
}
