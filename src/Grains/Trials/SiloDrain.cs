using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sweep.Grains.Trials.Processes;

namespace Sweep.Grains.Trials;

/// <summary>
/// The drain of a stopping silo (SIGTERM, Ctrl-C, a host stopping): from its start no trial starts here; each attempt
/// running or waiting for a slot is asked to checkpoint at its current step and stop, and its trial grain hands the trial
/// back to its experiment, which dispatches it to another silo where it resumes from that checkpoint. The drain waits
/// for every grain to settle its attempt, at most <see cref="Grace"/>; attempts still running then are ended and handed
/// back from their last checkpoint. Runs in the silo's stop (<see cref="DrainOnStop"/>), before its grains deactivate.
/// </summary>
public sealed class SiloDrain(TimeSpan grace, ILogger<SiloDrain> logger)
{
    /// <summary>After the grace, how long ended attempts get to be handed back before the silo goes on stopping.</summary>
    public static readonly TimeSpan SettleAfterGrace = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<TrialRun, TaskCompletionSource> _held = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _started = new();
    private int _checkpointed, _fromEarlier;

    public TimeSpan Grace => grace;
    public bool IsDraining => _started.IsCancellationRequested;
    /// <summary>Fires when the drain begins (a trial waiting to retry stops waiting and is handed back).</summary>
    public CancellationToken Started => _started.Token;

    /// <summary>The drain waits for the grain to <see cref="Settle"/> this attempt; one started during the drain is drained at once.</summary>
    public void Hold(TrialRun run)
    {
        _held[run] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (IsDraining) run.Drain();
    }

    /// <summary>The grain is done with this attempt: it finished, failed, or was handed back.</summary>
    public void Settle(TrialRun run)
    {
        if (_held.TryRemove(run, out var settled)) settled.TrySetResult();
    }

    /// <summary>Logs one trial handed back; <paramref name="step"/> is the step of the checkpoint the drain saved, null when
    /// it saved none (the trial resumes from its last checkpoint, <paramref name="reachedStep"/> the step it had reached).</summary>
    public string HandedBack(string trialId, int? step, int reachedStep)
    {
        string line;
        if (step is { } s)
        {
            Interlocked.Increment(ref _checkpointed);
            line = $"trial {trialId}: handed back at step {s} (silo draining)";
        }
        else
        {
            Interlocked.Increment(ref _fromEarlier);
            line = $"trial {trialId}: handed back while {ExitReasons.At(reachedStep)} (silo draining; no checkpoint in time, it resumes from its last one)";
        }
        logger.LogInformation("{HandBack}", line);
        return line;
    }

    /// <summary>Drains the silo: asks every held attempt to checkpoint and stop and waits for all to settle within the grace.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            // An ungraceful stop (a kill, or the host's shutdown time already spent) leaves no time to drain: the trials
            // end with the silo and resume from their last regular checkpoint, as after a lost silo.
            logger.LogWarning("drain: the silo is stopping without grace; its {Running} trial attempts are not drained", _held.Count);
            return;
        }
        var clock = Stopwatch.StartNew();
        _started.Cancel();
        var running = _held.Count;
        logger.LogInformation("drain: stopping; {Running} trial attempts asked to checkpoint and hand back within {Grace}", running, ExitReasons.Duration(grace));
        foreach (var run in _held.Keys) run.Drain();
        var inTime = await SettledAsync(grace - clock.Elapsed, ct);
        if (!inTime)
        {
            logger.LogWarning("drain: {Left} trial attempts did not checkpoint within {Grace}; ending them", _held.Count, ExitReasons.Duration(grace));
            foreach (var run in _held.Keys) run.Cancel(byUser: false);
            await SettledAsync(SettleAfterGrace, ct);
        }
        logger.LogInformation("drain: done in {Seconds:0.0} s: {HandedBack} trials handed back ({Checkpointed} checkpointed by the drain, {Earlier} from an earlier checkpoint), {Left} unsettled; leaving the cluster",
            clock.Elapsed.TotalSeconds, _checkpointed + _fromEarlier, _checkpointed, _fromEarlier, _held.Count);
    }

    /// <summary>Waits until nothing is held (attempts held meanwhile included), at most <paramref name="within"/>.</summary>
    private async Task<bool> SettledAsync(TimeSpan within, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Math.Max(0, within.TotalSeconds) * Stopwatch.Frequency);
        while (!_held.IsEmpty)
        {
            var left = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (left <= TimeSpan.Zero || ct.IsCancellationRequested) return false;
            var all = Task.WhenAll(_held.Values.Select(s => s.Task));
            await Task.WhenAny(all, Task.Delay(left, ct)); // never throws: it returns the task that ended
        }
        return true;
    }
}
