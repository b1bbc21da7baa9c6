using Microsoft.Extensions.Logging;
using Sweep.Grains.Bases;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// One trial: runs attempts on the silo's slot threads (<see cref="TrialRun"/>), retries per <see cref="RetryPolicy"/>,
/// records exactly one outcome and reports it. After a lost silo the next <see cref="EnsureRunning"/> reactivates it
/// on another silo, where it resumes from the last checkpoint. A completed attempt's adapter is stored before the outcome;
/// once the outcome is stored the checkpoint is deleted, unless the spec keeps checkpoints. On a draining silo
/// (<see cref="SiloDrain"/>) no attempt starts, and a running one checkpoints and is handed back to the experiment, which
/// dispatches the trial elsewhere: not a failure, so it takes nothing from the retries.
/// </summary>
[WorkerPlacement]
public sealed class TrialGrain(
    [PersistentState(StorageNames.TrialState, StorageNames.Sweep)] IPersistentState<TrialGrainState> state, TrialHost host, ILogger<TrialGrain> logger)
    : Grain, ITrialGrain
{
    private TrialRun? _run;
    private bool _waitingToRetry;
    private TrialProgressInfo? _progress;
    private IGrainTimer? _progressTimer;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        _run?.Cancel(byUser: false); // the checkpoint stays; the next activation resumes from it
        return Task.CompletedTask;
    }

    public async Task<TrialSnapshot> EnsureRunning(TrialAssignment assignment)
    {
        state.State.Assignment ??= assignment;
        if (state.State.Outcome is null && _run is null && !_waitingToRetry)
        {
            if (state.State.CancelRequested) await Finish(TrialState.Cancelled, "cancelled by user");
            else await StartAttempt();
        }
        return Snapshot();
    }

    public async Task<TrialSnapshot> Cancel()
    {
        state.State.CancelRequested = true;
        await state.WriteStateAsync();
        if (_run is not null) _run.Cancel(byUser: true);
        else if (state.State.Outcome is null && state.State.Assignment is not null) await Finish(TrialState.Cancelled, "cancelled by user");
        return Snapshot();
    }

    public Task<TrialSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    private async Task StartAttempt()
    {
        if (host.Drain.IsDraining) { await HandBack($"trial {state.State.Assignment!.Plan.Id}: not started here (silo draining)"); return; }
        var a = state.State.Assignment!;
        state.State.Attempts++;
        state.State.StartedAt ??= DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        var spec = TrialSpecFactory.Create(a.Recipe, a.Plan, host.Accelerator);
        var recipe = MeasuredPeaks.RecipeKey(spec); // before a base's local copy replaces the model: the same key on every silo
        if (host.Slots.Peaks.DueForClusterRead(recipe, DateTimeOffset.UtcNow, LearnedPeaks.ReadEvery) && await LearnedPeaks.Read(GrainFactory, recipe) is { } learned)
            host.Slots.Peaks.Learn(recipe, learned.Bytes);
        // a base the experiment pretrained: read it out of the artifact store into a local model directory (once per silo)
        if (a.Recipe.Task.Base is { } pretrained) spec = spec with { Model = new BaseArtifacts(host.Artifacts).Materialize(pretrained.Hash(), host.BaseCacheDirectory) };
        _progressTimer ??= this.RegisterGrainTimer(PushProgress, host.ProgressInterval, host.ProgressInterval);
        var run = _run = TrialRun.Start(host.Executor, spec, Artifacts, host.Slots, a.Plan.Placement.MinDeviceMemory, recipe);
        host.Metrics.RecordAttempt(host.Accelerator);
        logger.LogInformation("trial {Trial}: attempt {Attempt} started on {Silo}", a.Plan.Id, state.State.Attempts, host.SiloName);
        host.Running.Track(run, spec.Training.MaxLength);
        host.Drain.Hold(run);
        _ = Watch(run);
    }

    private async Task Watch(TrialRun run)
    {
        try
        {
            var result = await run.Completion;
            if (host.Executor.MeasuresItsOwnPeak && MeasuredPeaks.PeakOnDevice(host.Accelerator, result.Metrics) is > 0 and var peak)
                await LearnedPeaks.Publish(GrainFactory, run.Recipe, new MeasuredPeak(peak, state.State.Assignment!.ExperimentId, result.Id, host.SiloName, DateTimeOffset.UtcNow), logger);
            if (result.Adapter is { } adapter)
            {
                var artifacts = Artifacts; // grain state is read on the grain's turn, the store is called off it
                await Task.Run(() => artifacts.SaveAdapter(result.Id, adapter)); // a failure here is retried like the attempt
            }
            await Finish(OutcomeFactory.FromResult(state.State.Assignment!.Plan, result, state.State.Attempts, host.SiloName, state.State.StartedAt)
                with { ResumedFromStep = run.ResumedFromStep });
        }
        catch (TrialDrainedException e)
        {
            await HandBack(host.Drain.HandedBack(e.TrialId, e.Step, e.Step), attemptEnded: true);
        }
        catch (OperationCanceledException)
        {
            if (run.CancelledByUser) await Finish(TrialState.Cancelled, "cancelled by user");
            else if (run.Draining) await HandBack(host.Drain.HandedBack(run.TrialId, null, run.Latest?.Step ?? 0), attemptEnded: true);
        }
        catch (Exception e)
        {
            var a = state.State.Assignment!;
            var failed = state.State.Attempts - state.State.HandedBack; // handed-back attempts are not failures
            var decision = new RetryPolicy(a.Recipe.Retries, host.RetryBaseDelay, host.RetryMaxDelay).Decide(failed, e);
            if (!decision.Retry) { await Finish(TrialState.Failed, decision.Reason); return; }
            host.Metrics.RecordRetry(host.Accelerator);
            _run = null;
            _waitingToRetry = true;
            try { await Task.Delay(decision.Delay, host.Drain.Started); }
            catch (OperationCanceledException) { /* the silo drains: StartAttempt hands the trial back */ }
            _waitingToRetry = false;
            if (state.State.Outcome is null && !state.State.CancelRequested) await StartAttempt();
        }
        finally
        {
            host.Drain.Settle(run);
        }
    }

    /// <summary>Gives the trial back to its experiment (this silo drains), which dispatches it to another silo where it
    /// resumes from its checkpoint; this activation then goes, so that the next call activates the trial there.</summary>
    private async Task HandBack(string line, bool attemptEnded = false)
    {
        _run = null;
        _progressTimer?.Dispose();
        _progressTimer = null;
        var a = state.State.Assignment!;
        if (attemptEnded)
        {
            state.State.HandedBack++;
            await state.WriteStateAsync();
            host.Metrics.RecordHandBack(host.Accelerator);
        }
        else logger.LogInformation("{Line}", line);
        try { await GrainFactory.GetGrain<IExperimentGrain>(a.ExperimentId).ReportHandedBack(a.Plan.Id, host.SiloName).WaitAsync(HandBackWait); }
        catch (Exception e) { logger.LogWarning("{Line}; its experiment did not answer ({Error}): its next ping moves it", line, e.Message); }
        DeactivateOnIdle();
    }

    private static readonly TimeSpan HandBackWait = TimeSpan.FromSeconds(10);

    private Task Finish(TrialState status, string reason) =>
        Finish(OutcomeFactory.Ended(state.State.Assignment!.Plan, status, state.State.Attempts, host.SiloName, state.State.StartedAt, reason));

    private async Task Finish(TrialOutcome outcome)
    {
        _run = null;
        if (state.State.Outcome is not null) return;
        state.State.Outcome = outcome;
        await state.WriteStateAsync();
        GrainFactory.GetGrain<IExperimentGrain>(state.State.Assignment!.ExperimentId).ReportResult(outcome).Ignore();
        _progressTimer?.Dispose();
        _progressTimer = null;
        if (!state.State.Assignment!.Recipe.KeepCheckpoints) await DeleteCheckpoint(outcome.Id);
        DeactivateOnIdle(); // the outcome is stored; a later call reactivates the grain and returns it
    }

    private TrialArtifacts Artifacts =>
        new(host.Artifacts, state.State.Assignment!.ExperimentId, (seconds, bytes) => host.Metrics.RecordCheckpoint(host.Accelerator, seconds, bytes), logger);

    /// <summary>A finished trial never resumes. A failed delete leaves a stale file, not a wrong result: it is logged, not raised.</summary>
    private async Task DeleteCheckpoint(string trialId)
    {
        var artifacts = Artifacts;
        try { await Task.Run(() => artifacts.DeleteCheckpoint(trialId)); }
        catch (Exception e) { logger.LogWarning(e, "trial {Trial}: its checkpoint could not be deleted", trialId); }
    }

    private Task PushProgress(CancellationToken ct)
    {
        if (_run?.Latest is not { } p || (_progress is not null && _progress.Step == p.Step)) return Task.CompletedTask;
        _progress = new TrialProgressInfo(p.TrialId, p.Step, p.TotalSteps, p.Loss, p.SamplesPerSecond, p.Phase, host.SiloName, state.State.Attempts);
        GrainFactory.GetGrain<IExperimentGrain>(state.State.Assignment!.ExperimentId).ReportProgress(_progress).Ignore();
        return Task.CompletedTask;
    }

    private TrialSnapshot Snapshot()
    {
        var s = state.State;
        var status = s.Outcome?.State ?? (_run is not null || _waitingToRetry ? TrialState.Running : TrialState.Pending);
        var p = _run?.Latest;
        var progress = p is null ? _progress : new TrialProgressInfo(p.TrialId, p.Step, p.TotalSteps, p.Loss, p.SamplesPerSecond, p.Phase, host.SiloName, s.Attempts);
        return new TrialSnapshot(status, s.Attempts, host.SiloName, progress, s.Outcome);
    }
}
