using System.Diagnostics;
using Orleans.Concurrency;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;

namespace Sweep.Grains.Experiments;

/// <summary>
/// One sweep: state in <see cref="ExperimentBook"/>, decisions in <see cref="DispatchPlanner"/>. A pump timer
/// pings running trials (which reactivates those whose silo died) and dispatches pending ones into free slots.
/// Reentrant: it never blocks on a trial, and trials report to it one-way.
/// </summary>
[Reentrant, ControlPlacement]
public sealed class ExperimentGrain(
    [PersistentState(StorageNames.ExperimentState, StorageNames.Sweep)] IPersistentState<ExperimentGrainState> state,
    IWorkerDirectory workers, SweepMetrics metrics, ExperimentTiming timing)
    : Grain, IExperimentGrain
{
    private readonly Dictionary<string, TrialProgressInfo> _progress = new();
    private readonly ExperimentPinger _pinger = new();
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly WatcherSet<GrainId, IExperimentObserver> _watchers = new(ExperimentWatch.Lifetime);
    private IGrainTimer? _notifier;
    private ExperimentBook _book = new([]);
    private BaseStage? _stage;
    private IGrainTimer? _pump;
    private SequentialSeeds? _sequential;
    private IReadOnlyDictionary<string, MeasuredPeak>? _learned; // read at submit; later looks' trials are sized with it too
    private bool _dirty;
    private long _savedAt;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _book = new ExperimentBook(state.State.Trials);
        if (state.State is { Spec: { } spec, Sequential.Done: false })
        {
            _sequential = await Task.Run(() => SequentialSeeds.For(spec), ct);
            if (_book.AllFinished && !state.State.Cancelled) NextLook(); // the last look finished before its decision was saved
        }
        if (state.State.Spec is { } staged) _stage = new BaseStage(staged, state.State.SubmittedAt ?? DateTimeOffset.MinValue, state.State.Bases, state.State.BaseErrors);
        if (state.State.Spec is not null && !_book.AllFinished)
        {
            StartPump();
            ExpectResults(); // aggregation may have lost it with a silo
        }
        if (state.State.Spec is not null) PublishMetrics();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        metrics.RemoveExperiment(Id);
        return _dirty ? Save(force: true) : Task.CompletedTask;
    }

    public async Task<ExperimentStatus> Submit(SweepSpec spec)
    {
        var fingerprint = ExperimentIds.Fingerprint(spec);
        if (state.State.Spec is not null)
            return state.State.Fingerprint == fingerprint ? Status()
                : throw new ArgumentException($"experiment {Id} already holds a different spec; submit under another name");
        if (SweepSize.Count(spec) is var size && size > SweepSize.HardLimit)
            throw new ArgumentException($"the sweep expands to {size:N0} trials, over the most one experiment can hold ({SweepSize.HardLimit:N0})");
        var live = workers.LiveWorkers();
        var problems = ClusterCheck.Check(spec, live, workers.ScaledFromZero);
        _sequential = spec.SeedPlan is null ? null : await Task.Run(() => SequentialSeeds.For(spec));
        var (firstPlans, sequential) = _sequential is null ? (SpecExpander.Expand(spec), null) : _sequential.Start();
        _learned = await LearnedPeaks.ForPlans(GrainFactory, spec, firstPlans);
        var plans = MemoryNeeds.Apply(spec, firstPlans, _learned);
        if (problems.Count == 0) problems = MemoryNeeds.Check(spec, plans, live, _learned);
        if (problems.Count > 0) throw new ArgumentException(string.Join("\n", problems));
        state.State = new ExperimentGrainState
        {
            Spec = spec, Fingerprint = fingerprint, SubmittedAt = DateTimeOffset.UtcNow, Sequential = sequential,
            Trials = ExperimentBook.Pending(plans),
        };
        _book = new ExperimentBook(state.State.Trials);
        _stage = new BaseStage(spec, state.State.SubmittedAt.Value, state.State.Bases, state.State.BaseErrors);
        PublishMetrics();
        await Save(force: true);
        ExpectResults();
        await GrainFactory.GetGrain<IExperimentRegistryGrain>(0).Register(new ExperimentEntry(Id, spec.Name, state.State.SubmittedAt.Value));
        StartPump();
        PingBases();
        Dispatch();
        return Status();
    }

    public Task<ExperimentStatus> GetStatus() => Task.FromResult(Status());

    public Task<ExperimentCounts> GetCounts() => Task.FromResult(ExperimentStatusBuilder.Counts(state.State, _book));

    public Task Watch(IExperimentObserver observer)
    {
        _watchers.Add(observer.GetGrainId(), observer, DateTime.UtcNow);
        _notifier ??= this.RegisterGrainTimer(Notify, new GrainTimerCreationOptions(TimeSpan.Zero, ExperimentWatch.NotifyInterval) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task Unwatch(IExperimentObserver observer)
    {
        _watchers.Remove(observer.GetGrainId());
        return Task.CompletedTask;
    }

    public async Task<ExperimentStatus> Cancel()
    {
        if (state.State.Spec is null || _book.AllFinished) return Status();
        state.State.Cancelled = true;
        var (running, cancelled) = _book.Cancel();
        var aggregation = GrainFactory.GetGrain<IAggregationGrain>(Id);
        foreach (var page in cancelled.Chunk(ResultsPaging.PageSize)) aggregation.AddMany(page).Ignore();
        _watchers.MarkChanged();
        await Save(force: true);
        // Running trials are at most the concurrency; wait for their answers a bounded time only: a trial that answers
        // later reports its outcome (or the pump reaches it), so cancel never outlasts the caller's timeout.
        var stopping = running.Select(async t => { if ((await TryCancel(t.Plan))?.Outcome is { } o) Accept(o); }).ToList();
        await Task.WhenAny(Task.WhenAll(stopping), Task.Delay(timing.CancelWait));
        PublishMetrics();
        await Save(force: true);
        return Status();
    }

    public Task<ExperimentResults> GetResults() => GetResultsPage(0, int.MaxValue);

    public Task<ExperimentResults> GetResultsPage(int offset, int count)
    {
        var trials = _book.Trials;
        var from = Math.Clamp(offset, 0, trials.Count);
        var to = (int)Math.Min(trials.Count, (long)from + Math.Max(0, count));
        var outcomes = new List<TrialOutcome>();
        for (var i = from; i < to; i++) if (trials[i].Outcome is { } o) outcomes.Add(o);
        return Task.FromResult(new ExperimentResults(Id, state.State.Spec, outcomes, ExperimentStatusBuilder.StateOf(state.State, _book))
        {
            TotalTrials = trials.Count, Sequential = state.State.Sequential, Bases = _stage?.Views() ?? [],
        });
    }

    public Task ReportResult(TrialOutcome outcome)
    {
        if (Accept(outcome)) Dispatch();
        PublishMetrics();
        return _book.AllFinished ? Save(force: true) : Task.CompletedTask;
    }

    public Task ReportProgress(TrialProgressInfo progress)
    {
        if (_book.Find(progress.TrialId) is { State: TrialState.Running })
        {
            _progress[progress.TrialId] = progress;
            _watchers.MarkChanged();
        }
        return Task.CompletedTask;
    }

    public Task ReportHandedBack(string trialId, string silo)
    {
        workers.MarkDraining(silo); // before dispatching: the silo may still look active to membership
        if (_book.HandBack(trialId, silo)) { _progress.Remove(trialId); _dirty = true; _watchers.MarkChanged(); Dispatch(); }
        return Task.CompletedTask;
    }

    private bool Accept(TrialOutcome outcome)
    {
        if (!_book.Accept(outcome)) return false;
        _progress.Remove(outcome.Id);
        _dirty = true;
        _watchers.MarkChanged();
        GrainFactory.GetGrain<IAggregationGrain>(Id).Add(outcome).Ignore();
        if (_book.AllFinished && !state.State.Cancelled) NextLook();
        if (_book.AllFinished) state.State.FinishedAt ??= DateTimeOffset.UtcNow;
        return true;
    }

    /// <summary>Seeds on demand: every trial of the look finished, so decide it and add the next look's trials, if any.</summary>
    private void NextLook()
    {
        if (_sequential is null || state.State.Sequential is not { Done: false } report) return;
        var (updated, next) = _sequential.Advance(report, _book.Trials.Select(t => t.Outcome).OfType<TrialOutcome>());
        state.State.Sequential = updated;
        _dirty = true;
        _watchers.MarkChanged();
        if (next.Count == 0) return;
        _book.Add(MemoryNeeds.Apply(state.State.Spec!, next, _learned));
        ExpectResults();
        StartPump();
    }

    private void Dispatch()
    {
        if (state.State.Spec is not { } spec || state.State.Cancelled) return;
        FailTasksWithoutBase();
        var live = workers.LiveWorkers();
        var pending = _stage is { } stage ? _book.Pending().Where(p => !stage.Blocks(p)) : _book.Pending();
        foreach (var a in DispatchPlanner.Plan(pending, _book.RunningPerSilo(), _book.RunningCount, spec.Concurrency, live, _book.MemoryPerSilo()))
        {
            _book.MarkRunning(a.TrialId, a.Silo);
            _dirty = true;
            _watchers.MarkChanged();
            Ping(_book.Find(a.TrialId)!, a.Silo);
        }
    }

    private Task Pump(CancellationToken ct)
    {
        var live = workers.LiveWorkers();
        foreach (var t in _book.Running().ToList()) // a trial whose silo is gone (or draining) resumes where the planner says
            Ping(t, live.Any(w => w.Silo == t.Silo) ? t.Silo : DispatchPlanner.Plan([t.Plan], _book.RunningPerSilo(), 0, 1, live).FirstOrDefault()?.Silo);
        PingBases();
        Dispatch();
        PublishMetrics();
        if (_book.AllFinished) { _pump?.Dispose(); _pump = null; }
        return Save(force: false);
    }

    private void Ping(TrialEntry t, string? preferred) =>
        _pinger.Ping(t.Plan.Id, () => Trial(t.Plan).EnsureRunning(new TrialAssignment(Id, t.Plan, TrialRecipe.For(state.State.Spec!, t.Plan))), preferred, snapshot =>
        {
            if (snapshot.Outcome is not null) { if (Accept(snapshot.Outcome)) Dispatch(); }
            else if (t.State == TrialState.Running)
            {
                t.Silo = snapshot.Silo;
                if (snapshot.Progress is not null) { _progress[t.Plan.Id] = snapshot.Progress; _watchers.MarkChanged(); }
            }
        });

    /// <summary>Asks each base not yet ready to be built (pretrained, resumed, or found in the artifact store).</summary>
    private void PingBases()
    {
        if (_stage is not { } stage || state.State.Cancelled) return;
        foreach (var recipe in stage.Waiting.ToList())
        {
            var grain = GrainFactory.GetGrain<IBaseGrain>(IBaseGrain.KeyOf(recipe, state.State.Spec!.Placement));
            _pinger.Ping("base:" + recipe.Hash(), () => grain.EnsureBuilt(recipe, Id, state.State.Spec!.ThreadsPerTrial), null, snapshot =>
            {
                var changed = stage.Apply(snapshot);
                _watchers.MarkChanged();
                if (!changed) return;
                _dirty = true;
                Dispatch();
            });
        }
    }

    /// <summary>The pending trials of a task whose base failed to pretrain fail with its error.</summary>
    private void FailTasksWithoutBase()
    {
        if (_stage is not { } stage) return;
        foreach (var (task, error) in stage.FailedTasks.ToList())
            foreach (var plan in _book.Pending().Where(p => p.Task == task).ToList())
                Accept(Trials.OutcomeFactory.Ended(plan, TrialState.Failed, 0, "", null, $"base pretraining failed: {error}"));
    }

    private async Task<TrialSnapshot?> TryCancel(TrialPlan plan)
    {
        try { return await Trial(plan).Cancel(); }
        catch (Exception) { return null; } // its silo is gone: the pump reaches the reactivated trial, which finishes Cancelled
    }

    private void ExpectResults() =>
        GrainFactory.GetGrain<IAggregationGrain>(Id).Expect(new AggregationPlan(state.State.Spec!.Analysis, _book.Trials.Select(t => t.Plan).ToList())).Ignore();

    private ITrialGrain Trial(TrialPlan plan) => GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(Id, plan));

    private void StartPump() =>
        _pump ??= this.RegisterGrainTimer(Pump, new GrainTimerCreationOptions(timing.PumpInterval, timing.PumpInterval) { Interleave = true, KeepAlive = true });

    /// <summary>Writes the state now (force), or when it changed and the last write is older than the save interval.</summary>
    private async Task Save(bool force)
    {
        if (!force && (!_dirty || Stopwatch.GetElapsedTime(_savedAt) < timing.SaveInterval)) return;
        await _saving.WaitAsync();
        try
        {
            _dirty = false;
            _savedAt = Stopwatch.GetTimestamp();
            await state.WriteStateAsync();
        }
        finally { _saving.Release(); }
    }

    /// <summary>Tells the watchers, at most once per tick, that something changed; stops ticking when none is left.</summary>
    private Task Notify(CancellationToken ct)
    {
        var due = _watchers.TakeDue(DateTime.UtcNow);
        if (due.Count > 0)
        {
            var counts = ExperimentStatusBuilder.Counts(state.State, _book);
            foreach (var watcher in due) watcher.Changed(counts).Ignore();
        }
        if (_watchers.Count == 0) { _notifier?.Dispose(); _notifier = null; }
        return Task.CompletedTask;
    }

    /// <summary>Hands the metrics a copy of the counts and the running presets' progress (small, whatever the sweep's size).</summary>
    private void PublishMetrics() =>
        metrics.SetExperiment(Id, Telemetry.ExperimentSnapshot.Of(_book, state.State.Spec?.Concurrency ?? 0, _progress));

    private ExperimentStatus Status() => ExperimentStatusBuilder.Build(Id, state.State, _book, _progress, _stage?.Views() ?? []);
}
