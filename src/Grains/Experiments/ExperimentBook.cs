using Sweep.Grains.Interfaces;
using Sweep.Grains.Interfaces.Spec;

namespace Sweep.Grains.Experiments;

/// <summary>A trial as the experiment records it.</summary>
[GenerateSerializer]
public sealed class TrialEntry
{
    [Id(0)] public required TrialPlan Plan { get; init; }
    [Id(1)] public TrialStatus State { get; set; }
    [Id(2)] public string Silo { get; set; } = "";
    [Id(3)] public TrialOutcome? Outcome { get; set; }
}

/// <summary>
/// The bookkeeping of one experiment, free of Orleans calls: trials in dispatch order, their states, the first
/// (and only) outcome per trial, cancellation. Every change of a trial's state goes through <see cref="Move"/>.
/// </summary>
public sealed class ExperimentBook(List<TrialEntry> trials, Action<TrialStatus?, TrialStatus>? onMove = null)
{
    private readonly Dictionary<string, TrialEntry> _byId = trials.ToDictionary(t => t.Plan.Id);

    public IReadOnlyList<TrialEntry> Trials => trials;
    public bool AllFinished => trials.All(t => t.State.IsFinished());
    public int RunningCount => trials.Count(t => t.State == TrialStatus.Running);

    public static List<TrialEntry> Expand(SweepSpec spec) =>
        SpecExpander.Expand(spec).Select(p => new TrialEntry { Plan = p, State = TrialStatus.Pending }).ToList();

    public TrialEntry? Find(string trialId) => _byId.GetValueOrDefault(trialId);

    public IEnumerable<TrialPlan> Pending() => trials.Where(t => t.State == TrialStatus.Pending).Select(t => t.Plan);

    public IEnumerable<TrialEntry> Running() => trials.Where(t => t.State == TrialStatus.Running);

    public Dictionary<string, int> RunningPerSilo() =>
        Running().GroupBy(t => t.Silo).ToDictionary(g => g.Key, g => g.Count());

    public void MarkRunning(string trialId, string silo)
    {
        var t = _byId[trialId];
        t.Silo = silo;
        if (t.State == TrialStatus.Pending) Move(t, TrialStatus.Running);
    }

    /// <summary>Records a final outcome; false when the trial is unknown, the outcome not final, or one was already recorded.</summary>
    public bool Accept(TrialOutcome outcome)
    {
        if (!outcome.State.IsFinished() || _byId.GetValueOrDefault(outcome.Id) is not { Outcome: null } t) return false;
        t.Outcome = outcome;
        t.Silo = outcome.Silo;
        Move(t, outcome.State);
        return true;
    }

    /// <summary>Marks every pending trial Cancelled and returns the running ones, which their grains must stop.</summary>
    public IReadOnlyList<TrialEntry> Cancel()
    {
        foreach (var t in trials.Where(t => t.State == TrialStatus.Pending))
        {
            t.Outcome = new TrialOutcome
            {
                Id = t.Plan.Id, Task = t.Plan.Task, Preset = t.Plan.Preset, Rank = t.Plan.Rank, Seed = t.Plan.Seed,
                Method = Presets.AdaLora.Contains(t.Plan.Preset) ? "AdaLoRA" : "LoRA",
                State = TrialStatus.Cancelled, Error = "cancelled before it started", FinishedAt = DateTimeOffset.UtcNow,
            };
            Move(t, TrialStatus.Cancelled);
        }
        return Running().ToList();
    }

    /// <summary>Tells the metrics about every trial's current state (after activation).</summary>
    public void Announce()
    {
        foreach (var t in trials) onMove?.Invoke(null, t.State);
    }

    private void Move(TrialEntry t, TrialStatus to)
    {
        var from = t.State;
        t.State = to;
        onMove?.Invoke(from, to);
    }
}
