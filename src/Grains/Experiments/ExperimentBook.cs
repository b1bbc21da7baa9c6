using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Experiments;

/// <summary>A trial as the experiment records it.</summary>
[GenerateSerializer]
public sealed class TrialEntry
{
    [Id(0)] public required TrialPlan Plan { get; init; }
    [Id(1)] public TrialState State { get; set; }
    [Id(2)] public string Silo { get; set; } = "";
    [Id(3)] public TrialOutcome? Outcome { get; set; }
}

/// <summary>
/// The bookkeeping of one experiment, free of Orleans calls: trials in dispatch order, their states, the first
/// (and only) outcome per trial, cancellation. Every change of a trial's state goes through <see cref="Move"/>, which
/// keeps the pending set (in spec order), the running set and the counts, so each event costs O(1)–O(log n), not O(n).
/// </summary>
public sealed class ExperimentBook
{
    private readonly List<TrialEntry> _trials;
    private readonly Dictionary<string, TrialEntry> _byId;
    private readonly Dictionary<string, int> _order;
    private readonly SortedSet<int> _pending = new();
    private readonly HashSet<TrialEntry> _running = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _pendingPerAccelerator = new(StringComparer.Ordinal);
    private readonly Dictionary<TrialState, int> _perState = new();
    private readonly Dictionary<(string Accelerator, TrialState State), int> _perAcceleratorState = new();
    private int _finished;

    public ExperimentBook(List<TrialEntry> trials)
    {
        _trials = trials;
        _byId = trials.ToDictionary(t => t.Plan.Id);
        _order = trials.Select((t, i) => (t.Plan.Id, i)).ToDictionary(x => x.Id, x => x.i);
        for (var i = 0; i < trials.Count; i++) Track(trials[i], i, +1);
    }

    public IReadOnlyList<TrialEntry> Trials => _trials;
    public bool AllFinished => _finished == _trials.Count;
    public int RunningCount => _running.Count;
    public int FinishedCount => _finished;
    public IReadOnlyDictionary<string, int> PendingPerAccelerator => _pendingPerAccelerator;
    /// <summary>Trials per state (states no trial is in are absent).</summary>
    public IReadOnlyDictionary<TrialState, int> PerState => _perState;
    /// <summary>Trials per accelerator they ask for (cpu, cuda, mps, any) and state (pairs no trial is in are absent).</summary>
    public IReadOnlyDictionary<(string Accelerator, TrialState State), int> PerAcceleratorState => _perAcceleratorState;

    /// <summary>The spec's trials, each with its predicted memory need (<see cref="Placement.MemoryNeeds"/>).</summary>
    public static List<TrialEntry> Expand(SweepSpec spec) => Pending(Placement.MemoryNeeds.Apply(spec, SpecExpander.Expand(spec)));

    /// <summary>New entries for trials not run yet.</summary>
    public static List<TrialEntry> Pending(IEnumerable<TrialPlan> plans) =>
        plans.Select(p => new TrialEntry { Plan = p, State = TrialState.Pending }).ToList();

    /// <summary>Appends new pending trials (the next look of seeds on demand); ids already present are refused.</summary>
    public void Add(IEnumerable<TrialPlan> plans)
    {
        foreach (var plan in plans)
        {
            if (_byId.ContainsKey(plan.Id)) throw new InvalidOperationException($"trial {plan.Id} is already in the experiment");
            var t = new TrialEntry { Plan = plan, State = TrialState.Pending };
            _trials.Add(t);
            _byId[plan.Id] = t;
            _order[plan.Id] = _trials.Count - 1;
            Track(t, _trials.Count - 1, +1);
        }
    }

    public TrialEntry? Find(string trialId) => _byId.GetValueOrDefault(trialId);

    public IEnumerable<TrialPlan> Pending() => _pending.Select(i => _trials[i].Plan);

    public IEnumerable<TrialEntry> Running() => _running;

    /// <summary>The pending trials the experiment would start now if silos were free, per accelerator they ask for: the
    /// first min(pending, max(0, concurrency - running)) in dispatch order. Trials the concurrency holds back are not
    /// counted, so an autoscaler sized on this starts no worker that would sit idle.</summary>
    public Dictionary<string, int> ReadyPerAccelerator(int concurrency)
    {
        var ready = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var plan in Pending().Take(Math.Max(0, concurrency - _running.Count)))
            ready[plan.Placement.Accelerator] = ready.GetValueOrDefault(plan.Placement.Accelerator) + 1;
        return ready;
    }

    public Dictionary<string, int> RunningPerSilo() =>
        Running().GroupBy(t => t.Silo).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Memory the running trials of this experiment need, per silo (their placements' needs summed).</summary>
    public Dictionary<string, long> MemoryPerSilo() =>
        Running().GroupBy(t => t.Silo).ToDictionary(g => g.Key, g => g.Sum(t => t.Plan.Placement.MinDeviceMemory));

    public void MarkRunning(string trialId, string silo)
    {
        var t = _byId[trialId];
        t.Silo = silo;
        if (t.State == TrialState.Pending) Move(t, TrialState.Running);
    }

    /// <summary>A running trial handed back by its (draining) silo waits again, in its place in the pending queue; false when
    /// it is not running there (already handed back, finished, or dispatched elsewhere meanwhile).</summary>
    public bool HandBack(string trialId, string silo)
    {
        if (_byId.GetValueOrDefault(trialId) is not { State: TrialState.Running } t || (t.Silo != silo && t.Silo != "")) return false;
        t.Silo = "";
        Move(t, TrialState.Pending);
        return true;
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
    /// <returns>the trials still running (to be stopped), and the outcomes of the pending ones, now cancelled.</returns>
    public (IReadOnlyList<TrialEntry> Running, IReadOnlyList<TrialOutcome> Cancelled) Cancel()
    {
        var cancelled = new List<TrialOutcome>();
        foreach (var t in _pending.Select(i => _trials[i]).ToList())
        {
            t.Outcome = new TrialOutcome
            {
                Id = t.Plan.Id, Task = t.Plan.Task, Preset = t.Plan.Preset, Rank = t.Plan.Rank, Seed = t.Plan.Seed,
                Method = Presets.MethodName(t.Plan.Preset),
                State = TrialState.Cancelled, Error = "cancelled before it started", FinishedAt = DateTimeOffset.UtcNow,
            };
            Move(t, TrialState.Cancelled);
            cancelled.Add(t.Outcome);
        }
        return (Running().ToList(), cancelled);
    }

    private void Move(TrialEntry t, TrialState to)
    {
        var index = _order[t.Plan.Id];
        Track(t, index, -1);
        t.State = to;
        Track(t, index, +1);
    }

    private void Track(TrialEntry t, int index, int sign)
    {
        var inState = _perState.GetValueOrDefault(t.State) + sign;
        if (inState == 0) _perState.Remove(t.State); else _perState[t.State] = inState;
        var pair = (t.Plan.Placement.Accelerator, t.State);
        var inPair = _perAcceleratorState.GetValueOrDefault(pair) + sign;
        if (inPair == 0) _perAcceleratorState.Remove(pair); else _perAcceleratorState[pair] = inPair;
        if (t.State == TrialState.Pending)
        {
            if (sign > 0) _pending.Add(index); else _pending.Remove(index);
            var accel = t.Plan.Placement.Accelerator;
            _pendingPerAccelerator[accel] = _pendingPerAccelerator.GetValueOrDefault(accel) + sign;
        }
        else if (t.State == TrialState.Running)
        {
            if (sign > 0) _running.Add(t); else _running.Remove(t);
        }
        else if (t.State.IsFinished()) _finished += sign;
    }
}
