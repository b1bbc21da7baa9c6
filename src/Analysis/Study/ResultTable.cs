using Sweep.Settings;

namespace Sweep.Analysis.Study;

/// <summary>
/// Completed trials indexed by task → preset → metric → seed → value. Only <c>Completed</c> trials count;
/// when a (task, preset, seed) appears twice, the later row wins. Non-finite values are kept (they are
/// outcomes) and filtered by the callers that need numbers.
/// </summary>
public sealed class ResultTable
{
    private readonly Dictionary<(string Task, string Preset, string Metric), SortedDictionary<int, double>> _values = new();
    private readonly Dictionary<(string Task, string Preset, int Seed), TrialRecord> _trials = new();

    public IReadOnlyList<string> Tasks { get; }
    public IReadOnlyList<TrialRecord> Completed { get; }

    public ResultTable(IReadOnlyList<TrialRecord> trials)
    {
        Completed = trials.Where(t => t.IsCompleted).ToList();
        foreach (var t in Completed)
        {
            _trials[(t.Task, t.Preset, t.Seed)] = t;
            foreach (var (metric, value) in t.Metrics)
            {
                if (!_values.TryGetValue((t.Task, t.Preset, metric), out var bySeed))
                    _values[(t.Task, t.Preset, metric)] = bySeed = new SortedDictionary<int, double>();
                bySeed[t.Seed] = value;
            }
        }
        Tasks = Completed.Select(t => t.Task).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> PresetsOf(string task) =>
        Completed.Where(t => t.Task == task).Select(t => t.Preset).Distinct()
            .OrderBy(Presets.Order).ThenBy(p => p, StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> MetricsOf(string task) =>
        _values.Keys.Where(k => k.Task == task).Select(k => k.Metric).Distinct()
            .OrderBy(MetricNames.Order).ThenBy(m => m, StringComparer.Ordinal).ToList();

    /// <summary>Seed → value, all values including non-finite ones.</summary>
    public IReadOnlyDictionary<int, double> Values(string task, string preset, string metric) =>
        _values.TryGetValue((task, preset, metric), out var v) ? v : new SortedDictionary<int, double>();

    /// <summary>Seed → finite value.</summary>
    public SortedDictionary<int, double> Finite(string task, string preset, string metric) =>
        new(Values(task, preset, metric).Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value));

    public TrialRecord? Trial(string task, string preset, int seed) =>
        _trials.TryGetValue((task, preset, seed), out var t) ? t : null;

    /// <summary>Values of a and b on the seeds where both are finite, in seed order.</summary>
    public (int[] Seeds, double[] A, double[] B) Paired(string task, string presetA, string presetB, string metric)
    {
        var a = Finite(task, presetA, metric);
        var b = Finite(task, presetB, metric);
        var seeds = a.Keys.Where(b.ContainsKey).ToArray();
        return (seeds, seeds.Select(s => a[s]).ToArray(), seeds.Select(s => b[s]).ToArray());
    }

    /// <summary>Per seed, the mean over the given presets that have a finite value at that seed.</summary>
    public SortedDictionary<int, double> FamilyMeanBySeed(string task, IEnumerable<string> presets, string metric)
    {
        var sums = new SortedDictionary<int, (double Sum, int N)>();
        foreach (var p in presets)
            foreach (var (seed, v) in Finite(task, p, metric))
            {
                var (s, n) = sums.GetValueOrDefault(seed);
                sums[seed] = (s + v, n + 1);
            }
        return new SortedDictionary<int, double>(sums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.N));
    }

    /// <summary>True when the metric does not vary over seeds on this task (e.g. trainable_params): every preset with two
    /// or more finite values has one value only. Such a metric is reported, not tested — a test of constants says nothing.</summary>
    public bool IsDeterministic(string task, string metric)
    {
        var sets = PresetsOf(task).Select(p => Finite(task, p, metric).Values.ToList()).Where(v => v.Count >= 2).ToList();
        return sets.Count > 0 && sets.All(v => v.All(x => x == v[0]));
    }

    /// <summary>The task the paper's claims and Figures 1–3 are about: the classification task (has accuracy) with
    /// the most completed trials, as the paper's Table 1 is SST-2; null without completed trials.</summary>
    public string? PrimaryTask() =>
        Tasks.OrderByDescending(t => MetricsOf(t).Contains(MetricNames.Accuracy))
            .ThenByDescending(t => Completed.Count(r => r.Task == t))
            .ThenBy(t => t, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Accuracy-like metrics stored as fractions (every finite value ≤ 1) are shown in percentage points.</summary>
    public double PointsPerUnit(string task, string metric)
    {
        if (!MetricNames.IsFraction(metric)) return 1;
        var all = _values.Where(kv => kv.Key.Task == task && kv.Key.Metric == metric)
            .SelectMany(kv => kv.Value.Values).Where(double.IsFinite).ToList();
        return all.Count > 0 && all.All(v => Math.Abs(v) <= 1) ? 100 : 1;
    }
}
