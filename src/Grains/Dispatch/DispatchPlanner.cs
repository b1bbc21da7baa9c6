using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>A decision to start a trial on a silo.</summary>
public sealed record SlotAssignment(string TrialId, string Silo);

/// <summary>
/// Which pending trials start now, and where: in spec order, while the experiment is under its concurrency
/// limit, each on the satisfying worker with the most free slots. Never more trials on a silo than its slots, and never
/// more than its memory holds: the needs (predicted peaks) of the trials running there, summed, stay within its memory
/// budget (<see cref="WorkerInfo.Budget"/>; a silo that advertises none has no memory limit). This is the first line: it
/// knows the trials of this experiment (and the silos' reserved memory it was given); the silo's own slots hold the budget
/// across experiments (<c>SlotWorkers</c>).
/// Stops reading the pending trials once no slot is free, so an event costs O(started), not O(pending).
/// </summary>
public static class DispatchPlanner
{
    /// <param name="pending">trials waiting, in dispatch order.</param>
    /// <param name="runningPerSilo">trials running now per silo (this experiment's, plus any others known).</param>
    /// <param name="running">trials of this experiment running now.</param>
    public static IReadOnlyList<SlotAssignment> Plan(
        IEnumerable<TrialPlan> pending, IReadOnlyDictionary<string, int> runningPerSilo, int running, int concurrency,
        IReadOnlyList<WorkerInfo> workers, IReadOnlyDictionary<string, long>? memoryPerSilo = null)
    {
        var load = workers.ToDictionary(w => w.Silo, w => runningPerSilo.GetValueOrDefault(w.Silo));
        var used = workers.ToDictionary(w => w.Silo, w => memoryPerSilo?.GetValueOrDefault(w.Silo) ?? 0);
        bool Fits(WorkerInfo w, TrialPlan t) => w.Budget <= 0 || used[w.Silo] + Math.Max(0, t.Placement.MinDeviceMemory) <= w.Budget;
        var free = workers.Sum(w => Math.Max(0, w.Slots - load[w.Silo]));
        var result = new List<SlotAssignment>();
        if (running >= concurrency || free == 0) return result;
        foreach (var trial in pending)
        {
            var best = workers
                .Where(w => w.Satisfies(trial.Placement) && load[w.Silo] < w.Slots && Fits(w, trial))
                .OrderByDescending(w => w.Slots - load[w.Silo])
                .ThenBy(w => load[w.Silo])
                .FirstOrDefault();
            if (best is null) continue; // another pending trial may need hardware that is free
            load[best.Silo]++;
            used[best.Silo] += Math.Max(0, trial.Placement.MinDeviceMemory);
            running++;
            result.Add(new SlotAssignment(trial.Id, best.Silo));
            if (running >= concurrency || --free == 0) break;
        }
        return result;
    }
}
