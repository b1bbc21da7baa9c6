using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Aggregation;

/// <summary>One comparison the analysis reports: a preset against the baseline on one task, over all their trials.</summary>
public sealed record Comparison(string Task, string Baseline, string Preset)
{
    public override string ToString() => $"{Task}: {Preset} vs {Baseline}";
}

/// <summary>
/// Which comparisons of a sweep have all their trials finished (any final state), so that aggregation analyses each
/// as soon as it can. A comparison needs every trial of its preset and of the baseline on its task, over ranks and seeds.
/// </summary>
public sealed class ComparisonTracker
{
    private readonly string _baseline;
    private readonly Dictionary<string, (string Task, string Preset)> _groupOf = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Task, string Preset), int> _left = new();
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly List<Comparison> _complete = new();

    public ComparisonTracker(IEnumerable<TrialPlan> trials, string baseline)
    {
        _baseline = baseline;
        foreach (var t in trials)
        {
            if (!_groupOf.TryAdd(t.Id, (t.Task, t.Preset))) continue;
            _left[(t.Task, t.Preset)] = _left.GetValueOrDefault((t.Task, t.Preset)) + 1;
        }
    }

    /// <summary>How many distinct trials the sweep has.</summary>
    public int Expected => _groupOf.Count;

    /// <summary>The comparisons complete so far, in the order they completed.</summary>
    public IReadOnlyList<Comparison> Complete => _complete;

    /// <summary>Records a trial as finished (a repeat or an unknown id is ignored); returns the comparisons it completed.</summary>
    public IReadOnlyList<Comparison> Finish(string trialId)
    {
        if (!_groupOf.TryGetValue(trialId, out var group) || !_finished.Add(trialId)) return [];
        if (--_left[group] > 0) return [];
        if (_left.GetValueOrDefault((group.Task, _baseline), -1) != 0) return []; // the baseline has trials left (or none planned)
        IEnumerable<string> presets = group.Preset == _baseline // the baseline completes every comparison waiting for it
            ? _left.Where(g => g.Key.Task == group.Task && g.Key.Preset != _baseline && g.Value == 0).Select(g => g.Key.Preset).Order(StringComparer.Ordinal)
            : [group.Preset];
        var done = presets.Select(p => new Comparison(group.Task, _baseline, p)).ToList();
        _complete.AddRange(done);
        return done;
    }
}
