using Sweep.Settings;

namespace Sweep.Analysis.Sequential;

/// <summary>One comparison of seeds on demand: <see cref="Preset"/> against the baseline on <see cref="Task"/>.</summary>
public sealed record SequentialArm(string Task, string Preset)
{
    public override string ToString() => $"{Task}: {Preset}";
}

/// <summary>
/// What one completed look decided: the look taken at each comparison that was open, and the presets that run the next
/// look's seeds (<see cref="NextRuns"/>, with the baseline of every task that still has an open comparison, for pairing).
/// <see cref="NextSeeds"/> is the seed count of the next look, null when the sweep is done.
/// </summary>
public sealed record LookOutcome(
    IReadOnlyDictionary<SequentialArm, SequentialLook> Looks,
    IReadOnlyList<SequentialArm> NextRuns,
    int? NextSeeds);

/// <summary>
/// The decisions of seeds on demand, free of Orleans: after look k (every trial of the look finished), each open
/// comparison is tested on the paired differences of the look's seeds (<see cref="SequentialComparison.Test"/>); those
/// still open after a look before the last get the next look's seeds. A comparison that stopped keeps its verdict;
/// later seeds of the baseline (run for other comparisons) do not reopen it.
/// A look with fewer pairs than planned (failed trials) is tested against boundaries recomputed for the seed counts
/// actually seen (<see cref="GroupSequentialDesign.FromSpending"/>); one with fewer than two pairs, or no more than the
/// previous look, is not tested (its statistics are NaN) and stays open, or stops at the last look.
/// </summary>
public sealed class SeedsOnDemand(GroupSequentialDesign design, string baseline, double? margin)
{
    private readonly Dictionary<string, GroupSequentialDesign> _shortLooks = new(StringComparer.Ordinal);

    public GroupSequentialDesign Design => design;
    public string Baseline => baseline;

    /// <summary>The design of <paramref name="analysis"/> over <paramref name="plan"/> (t-calibrated: a few hundred milliseconds).</summary>
    public static GroupSequentialDesign DesignFor(AnalysisSpec analysis, SeedPlan plan)
    {
        var schedule = new SeedSchedule(plan.Start, plan.Step, plan.Max);
        return GroupSequentialDesign.Create(MethodOf(analysis.Sequential), analysis.Alpha, schedule);
    }

    public static SequentialMethod MethodOf(string name) => name switch
    {
        SequentialMethods.OBrienFleming => SequentialMethod.OBrienFleming,
        SequentialMethods.Pocock => SequentialMethod.Pocock,
        SequentialMethods.None => SequentialMethod.None,
        _ => throw new AnalysisInputException($"analysis.sequential: '{name}' is not one of {string.Join(", ", SequentialMethods.All)}"),
    };

    /// <summary>The metric seeds on demand compare: accuracy for classification, perplexity for language modelling.</summary>
    public static string MetricFor(TaskKind kind) => kind == TaskKind.LanguageModelling ? MetricNames.Perplexity : MetricNames.Accuracy;

    /// <summary>Every comparison of a sweep: each non-baseline preset of each task.</summary>
    public static IReadOnlyList<SequentialArm> Arms(IEnumerable<string> tasks, IEnumerable<string> presets, string baseline) =>
        tasks.SelectMany(t => presets.Where(p => p != baseline).Select(p => new SequentialArm(t, p))).ToList();

    /// <summary>
    /// Look <paramref name="k"/> (0-based) at the <paramref name="open"/> comparisons, whose earlier looks are in
    /// <paramref name="history"/>. <paramref name="seeds"/> lists the sweep's seeds in order (look k uses the first
    /// n_k); <paramref name="values"/> gives (task, preset) → seed → metric value of the finished trials (missing or
    /// non-finite: not paired).
    /// </summary>
    public LookOutcome Decide(int k, IReadOnlyList<SequentialArm> open, IReadOnlyDictionary<SequentialArm, IReadOnlyList<SequentialLook>> history,
        IReadOnlyList<int> seeds, Func<string, string, IReadOnlyDictionary<int, double>> values)
    {
        if (k < 0 || k >= design.Looks) throw new ArgumentOutOfRangeException(nameof(k), $"look {k + 1} of a {design.Looks}-look design");
        if (seeds.Count < design.Seeds[k]) throw new ArgumentException($"look {k + 1} needs {design.Seeds[k]} seeds, the sweep has {seeds.Count}", nameof(seeds));
        var lookSeeds = seeds.Take(design.Seeds[k]).ToList();
        var looks = new Dictionary<SequentialArm, SequentialLook>();
        var next = new List<SequentialArm>();
        foreach (var arm in open)
        {
            var diffs = Differences(values(arm.Task, baseline), values(arm.Task, arm.Preset), lookSeeds);
            var look = Test(k, diffs, history.GetValueOrDefault(arm) ?? []);
            looks[arm] = look;
            if (look.Decision == SequentialDecision.Continue) next.Add(arm);
        }
        if (k + 1 >= design.Looks || next.Count == 0) return new LookOutcome(looks, [], null);
        var runs = next.Select(a => a.Task).Distinct().Select(t => new SequentialArm(t, baseline)).Concat(next).ToList();
        return new LookOutcome(looks, runs, design.Seeds[k + 1]);
    }

    /// <summary>Preset − baseline on the seeds where both are finite, in seed order.</summary>
    public static double[] Differences(IReadOnlyDictionary<int, double> baseline, IReadOnlyDictionary<int, double> preset, IEnumerable<int> seeds) =>
        seeds.Where(s => baseline.TryGetValue(s, out var a) && double.IsFinite(a) && preset.TryGetValue(s, out var b) && double.IsFinite(b))
            .Select(s => preset[s] - baseline[s]).ToArray();

    private SequentialLook Test(int k, double[] diffs, IReadOnlyList<SequentialLook> earlier)
    {
        var n = diffs.Length;
        if (n == design.Seeds[k]) return SequentialComparison.Test(design, k, diffs, margin);
        var counts = earlier.Select(l => l.Seeds).Append(n).ToList();
        var increasing = counts.Count == k + 1 && counts.Select((c, i) => c >= 2 && (i == 0 || c > counts[i - 1])).All(ok => ok);
        if (!increasing) return Untested(k, n);
        var shortDesign = ShortDesign(counts.Concat(design.Seeds.Skip(k + 1)).ToList());
        return SequentialComparison.Test(shortDesign, k, diffs, margin);
    }

    private GroupSequentialDesign ShortDesign(IReadOnlyList<int> counts)
    {
        var key = string.Join(",", counts);
        if (_shortLooks.TryGetValue(key, out var cached)) return cached;
        GroupSequentialDesign built = design.Method == SequentialMethod.None
            ? design with { Seeds = counts.ToArray() }
            : GroupSequentialDesign.FromSpending(design.Method,
                design.Method == SequentialMethod.Pocock ? SpendingFunction.Pocock(design.Alpha) : SpendingFunction.OBrienFleming(design.Alpha),
                counts, design.MaxSeeds);
        return _shortLooks[key] = built;
    }

    private SequentialLook Untested(int k, int n) => new(k + 1, n, design.Fractions[k], design.Boundaries[k], design.CumulativeAlpha[k],
        design.LookAlpha(k), double.NaN, double.NaN, Math.Max(0, n - 1), double.NaN, null,
        k == design.Looks - 1 ? SequentialDecision.StopAtMax : SequentialDecision.Continue);
}
