using Sweep.Analysis.Sequential;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Experiments;

/// <summary>
/// Seeds on demand for one experiment, between the grain and the decisions (<see cref="SeedsOnDemand"/>): which trials
/// the first look runs, and after a completed look what it decided and which trials the next look adds. No Orleans
/// calls; the grain stores the <see cref="SequentialReport"/> it returns.
/// </summary>
public sealed class SequentialSeeds
{
    private readonly SweepSpec _spec;
    private readonly SeedsOnDemand _decide;

    private SequentialSeeds(SweepSpec spec, SeedsOnDemand decide) => (_spec, _decide) = (spec, decide);

    /// <summary>Null for a sweep without a seed plan. Builds the design (a few hundred milliseconds: call it off the grain's turn).</summary>
    public static SequentialSeeds? For(SweepSpec spec) =>
        spec.SeedPlan is { } plan
            ? new SequentialSeeds(spec, new SeedsOnDemand(SeedsOnDemand.DesignFor(spec.Analysis, plan), spec.Analysis.Baseline, spec.Analysis.EquivalenceMargin))
            : null;

    /// <summary>The first look's trials and the report before any look.</summary>
    public (IReadOnlyList<TrialPlan> Trials, SequentialReport Report) Start()
    {
        var design = _decide.Design;
        var trials = SpecExpander.Expand(_spec, _spec.Seeds.Take(design.Seeds[0]));
        var comparisons = SeedsOnDemand.Arms(_spec.Tasks.Select(t => t.Name), _spec.Presets, _decide.Baseline)
            .Select(a => new SequentialComparisonReport { Task = a.Task, Preset = a.Preset, Baseline = _decide.Baseline, Metric = MetricOf(a.Task) })
            .ToList();
        return (trials, new SequentialReport
        {
            Method = _spec.Analysis.Sequential, Alpha = design.Alpha, EquivalenceMargin = _spec.Analysis.EquivalenceMargin,
            LookSeeds = design.Seeds.ToList(), CurrentLook = 1, TrialsScheduled = trials.Count,
            TrialsAtMax = SweepSize.Count(_spec), Comparisons = comparisons,
        });
    }

    /// <summary>
    /// Takes the current look (every trial of it finished, <paramref name="outcomes"/> holding them all) and returns the
    /// updated report and the next look's trials (none when the sweep is done).
    /// </summary>
    public (SequentialReport Report, IReadOnlyList<TrialPlan> Next) Advance(SequentialReport report, IEnumerable<TrialOutcome> outcomes)
    {
        if (report.Done) return (report, []);
        var k = report.CurrentLook - 1;
        var open = report.Comparisons.Where(c => c.Decision is SequentialDecisions.Open or SequentialDecisions.Continue)
            .Select(c => new SequentialArm(c.Task, c.Preset)).ToList();
        var history = report.Comparisons.ToDictionary(c => new SequentialArm(c.Task, c.Preset),
            c => (IReadOnlyList<SequentialLook>)c.History.Select(l => l.ToLook()).ToList());
        var values = Values(outcomes);
        var outcome = _decide.Decide(k, open, history, _spec.Seeds,
            (task, preset) => values.TryGetValue((task, preset), out var v) ? v : new Dictionary<int, double>());
        var comparisons = report.Comparisons.Select(c => outcome.Looks.TryGetValue(new SequentialArm(c.Task, c.Preset), out var look)
            ? c with { History = [.. c.History, SequentialLookReport.From(look)] } : c).ToList();
        if (outcome.NextSeeds is not { } n)
            return (report with { Comparisons = comparisons, Done = true }, []);
        var runs = outcome.NextRuns.ToHashSet();
        var seeds = _spec.Seeds.Skip(_decide.Design.Seeds[k]).Take(n - _decide.Design.Seeds[k]);
        var next = SpecExpander.Expand(_spec, seeds, (task, preset) => runs.Contains(new SequentialArm(task, preset)));
        return (report with { Comparisons = comparisons, CurrentLook = k + 2, TrialsScheduled = report.TrialsScheduled + next.Count }, next);
    }

    private string MetricOf(string task) =>
        SeedsOnDemand.MetricFor(TaskKinds.Parse(_spec.Tasks.First(t => t.Name == task).Kind));

    /// <summary>(task, preset) → seed → the compared metric of the completed trials, averaged over the preset's ranks.</summary>
    private Dictionary<(string, string), IReadOnlyDictionary<int, double>> Values(IEnumerable<TrialOutcome> outcomes)
    {
        var metrics = _spec.Tasks.ToDictionary(t => t.Name, t => MetricOf(t.Name));
        return outcomes
            .Where(o => o.State == TrialState.Completed && metrics.ContainsKey(o.Task)
                && o.Metrics.TryGetValue(metrics[o.Task], out var v) && double.IsFinite(v))
            .GroupBy(o => (o.Task, o.Preset))
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, double>)g.GroupBy(o => o.Seed)
                .ToDictionary(s => s.Key, s => s.Average(o => o.Metrics[metrics[o.Task]])));
    }
}
