using Sweep.Settings;

namespace Sweep.Analysis.Study;

/// <summary>
/// Completed trials indexed by task → preset → metric → seed → value. Only <c>Completed</c> trials count;
/// when a (task, preset, seed) appears twice, the later row wins (a trials CSV with such rows is rejected when read).
/// Non-finite values are kept (they are outcomes) and filtered by the callers that need numbers.
/// Built once in time linear in the trials (times log of the seeds); the per-task lists and finite views are computed
/// once and cached, so the analysis never scans all trials per group.
/// </summary>
public sealed class ResultTable
{
    private readonly Dictionary<(string Task, string Preset, string Metric), SortedDictionary<int, double>> _values = new();
    private readonly Dictionary<(string Task, string Preset, int Seed), TrialRecord> _trials = new();
    private readonly Dictionary<string, List<string>> _presets = new();
    private readonly Dictionary<string, List<string>> _metrics = new();
    private readonly Dictionary<string, int> _completedPerTask = new();
    private readonly Dictionary<(string Task, string Preset, string Metric), SortedDictionary<int, double>> _finite = new();
    private readonly Dictionary<(string Task, string Metric), double> _pointsPerUnit = new();

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
        var presets = new Dictionary<string, HashSet<string>>();
        foreach (var t in Completed)
        {
            if (!presets.TryGetValue(t.Task, out var set)) presets[t.Task] = set = [];
            set.Add(t.Preset);
            _completedPerTask[t.Task] = _completedPerTask.GetValueOrDefault(t.Task) + 1;
        }
        foreach (var (task, set) in presets)
            _presets[task] = set.OrderBy(Presets.Order).ThenBy(p => p, StringComparer.Ordinal).ToList();
        foreach (var group in _values.Keys.GroupBy(k => k.Task))
            _metrics[group.Key] = group.Select(k => k.Metric).Distinct()
                .OrderBy(MetricNames.Order).ThenBy(m => m, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> PresetsOf(string task) => _presets.TryGetValue(task, out var p) ? p : [];

    public IReadOnlyList<string> MetricsOf(string task) => _metrics.TryGetValue(task, out var m) ? m : [];

    /// <summary>Number of completed trials of a task.</summary>
    public int CompletedCount(string task) => _completedPerTask.GetValueOrDefault(task);

    /// <summary>Seed → value, all values including non-finite ones.</summary>
    public IReadOnlyDictionary<int, double> Values(string task, string preset, string metric) =>
        _values.TryGetValue((task, preset, metric), out var v) ? v : new SortedDictionary<int, double>();

    /// <summary>Seed → finite value (computed once per group; callers must not modify it).</summary>
    public SortedDictionary<int, double> Finite(string task, string preset, string metric)
    {
        if (_finite.TryGetValue((task, preset, metric), out var cached)) return cached;
        var finite = new SortedDictionary<int, double>();
        foreach (var (seed, v) in Values(task, preset, metric))
            if (double.IsFinite(v)) finite.Add(seed, v);
        return _finite[(task, preset, metric)] = finite;
    }

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
            .ThenByDescending(CompletedCount)
            .ThenBy(t => t, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Accuracy-like metrics stored as fractions (every finite value ≤ 1) are shown in percentage points.</summary>
    public double PointsPerUnit(string task, string metric)
    {
        if (!MetricNames.IsFraction(metric)) return 1;
        if (_pointsPerUnit.TryGetValue((task, metric), out var cached)) return cached;
        var all = PresetsOf(task).SelectMany(p => Finite(task, p, metric).Values).ToList();
        return _pointsPerUnit[(task, metric)] = all.Count > 0 && all.All(v => Math.Abs(v) <= 1) ? 100 : 1;
    }
}
