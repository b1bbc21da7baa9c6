using Sweep.Settings;

namespace Sweep.Analysis.Sequential;

/// <summary>What seeds on demand decides on a finished sweep's trials: each comparison's looks, and the trials it would have run.</summary>
public sealed record ReplayResult(
    IReadOnlyDictionary<SequentialArm, SequentialResult> Comparisons,
    IReadOnlyDictionary<string, string> Metrics,
    long TrialsRun,
    long TrialsAtMax);

/// <summary>
/// Replays seeds on demand on the trials of a sweep that ran every seed (for example a fixed run's trials.csv): look by
/// look, exactly the decisions a sequential sweep takes, since a look uses only the seeds up to n_k and a trial's
/// numbers depend on its seed alone (the training core is deterministic per seed and thread count). Seeds are 1…max.
/// </summary>
public static class SeedsOnDemandReplay
{
    public static ReplayResult Run(IReadOnlyList<TrialRecord> trials, SeedsOnDemand planner)
    {
        var design = planner.Design;
        var seeds = Enumerable.Range(1, design.MaxSeeds).ToList();
        var tasks = trials.Select(t => t.Task).Distinct().Order(StringComparer.Ordinal).ToList();
        // The compared metric: accuracy where the task has it (classification), else perplexity.
        var metrics = tasks.ToDictionary(t => t, t => trials.Any(r => r.Task == t && r.Metrics.ContainsKey(MetricNames.Accuracy))
            ? MetricNames.Accuracy : MetricNames.Perplexity);
        var values = trials.Where(t => t.IsCompleted && t.Metrics.TryGetValue(metrics[t.Task], out var v) && double.IsFinite(v))
            .GroupBy(t => (t.Task, t.Preset))
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, double>)g.GroupBy(t => t.Seed)
                .ToDictionary(s => s.Key, s => s.Average(t => t.Metrics[metrics[t.Task]])));
        var presets = trials.Select(t => (t.Task, t.Preset)).Distinct().ToList();
        if (!presets.Any(p => p.Preset == planner.Baseline))
            throw new AnalysisInputException($"--baseline: preset '{planner.Baseline}' has no trials");
        var arms = presets.Where(p => p.Preset != planner.Baseline).Select(p => new SequentialArm(p.Task, p.Preset))
            .OrderBy(a => a.Task, StringComparer.Ordinal).ThenBy(a => Presets.Order(a.Preset)).ToList();

        var history = arms.ToDictionary(a => a, _ => new List<SequentialLook>());
        var open = arms;
        for (var k = 0; k < design.Looks && open.Count > 0; k++)
        {
            var outcome = planner.Decide(k, open, history.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<SequentialLook>)kv.Value), seeds,
                (task, preset) => values.TryGetValue((task, preset), out var v) ? v : new Dictionary<int, double>());
            foreach (var (arm, look) in outcome.Looks) history[arm].Add(look);
            open = open.Where(a => outcome.Looks[a].Decision == SequentialDecision.Continue).ToList();
        }

        // Trials: each preset its last look's planned seeds, the baseline as many as its task's longest comparison, × its ranks.
        var ranks = trials.GroupBy(t => (t.Task, t.Preset)).ToDictionary(g => g.Key, g => Math.Max(1, g.Select(t => t.Rank).Distinct().Count()));
        long run = 0, atMax = 0;
        foreach (var (task, preset) in presets)
        {
            var planned = preset == planner.Baseline
                ? history.Where(kv => kv.Key.Task == task).Select(kv => PlannedSeeds(design, kv.Value)).DefaultIfEmpty(design.Seeds[0]).Max()
                : PlannedSeeds(design, history[new SequentialArm(task, preset)]);
            run += (long)planned * ranks[(task, preset)];
            atMax += (long)design.MaxSeeds * ranks[(task, preset)];
        }
        return new ReplayResult(history.ToDictionary(kv => kv.Key, kv => new SequentialResult(kv.Value)), metrics, run, atMax);
    }

    private static int PlannedSeeds(GroupSequentialDesign design, IReadOnlyList<SequentialLook> looks) =>
        looks.Count == 0 ? design.Seeds[0] : design.Seeds[looks[^1].Look - 1];
}
