using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// One attempt of a trial, executed by the silo's <see cref="SlotWorkers"/> once a slot is free and its memory need fits.
/// Cancelling or draining it while it still waits for a slot ends it at once; cancelling it while it executes asks the
/// executor to stop, draining it asks the executor to checkpoint and stop (its completion then fails with
/// <see cref="TrialDrainedException"/>).
/// </summary>
public sealed class TrialRun : IProgress<TrialProgress>
{
    private const int Queued = 0, Executing = 1, Dropped = 2;
    private readonly TaskCompletionSource<TrialResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cts = new();
    private readonly CancellationTokenSource _drain = new();
    private TrialProgress? _latest;
    private int _phase = Queued;
    private readonly SlotReservation _reservation = new();
    private SlotWorkers _slots = null!;
    private string _device = "cpu";
    private bool _measuresItsOwnPeak;

    public Task<TrialResult> Completion => _done.Task;
    public TrialProgress? Latest => Volatile.Read(ref _latest);
    /// <summary>Set when the user cancelled (as opposed to the activation going away).</summary>
    public bool CancelledByUser { get; private set; }
    /// <summary>Set when the silo asked this attempt to drain (checkpoint and hand the trial back).</summary>
    public bool Draining => _drain.IsCancellationRequested;
    public string TrialId { get; private init; } = "";
    /// <summary>The recipe its measured peak is recorded under.</summary>
    public string Recipe { get; private init; } = "";

    private TrialRun() { } // made by Start only: it is posted to the slots it reports its peaks to

    /// <param name="need">the trial's memory need (its predicted peak) in bytes, raised to the peak a trial of the same recipe
    /// measured on this silo (<see cref="SlotWorkers.Peaks"/>): it waits for a slot whose silo's budget left fits it.</param>
    /// <param name="recipe">the trial's recipe key (<see cref="MeasuredPeaks.RecipeKey"/>); null: the one of <paramref name="spec"/>.</param>
    public static TrialRun Start(ITrialExecutor executor, TrialSpec spec, ICheckpointStore checkpoints, SlotWorkers slots, long need = 0, string? recipe = null)
    {
        var run = new TrialRun
        {
            TrialId = spec.Id, Recipe = recipe ?? MeasuredPeaks.RecipeKey(spec),
            _slots = slots, _device = spec.Device, _measuresItsOwnPeak = executor.MeasuresItsOwnPeak,
        };
        run._cts.Token.Register(run.DropIfQueued);
        run._drain.Token.Register(run.DropIfQueued);
        var key = run.Recipe; // the need is asked again each time the slots look for work that fits
        slots.Post(() => run.Execute(executor, spec, checkpoints, key, slots.Peaks), () => slots.Peaks.NeedOf(key, need), run._reservation);
        return run;
    }

    /// <summary>The step this attempt resumed from (its first reported training step minus one), or null when it started at 0 or has not reported.</summary>
    public int? ResumedFromStep => _firstStep is > 1 and var s ? s - 1 : null;
    private int _firstStep;

    /// <summary>Takes a progress report. One that carries the trial process's peak so far raises what the attempt holds
    /// of the silo's memory budget to it and teaches the silo its recipe's peak, so that the next trial of the recipe,
    /// and any other trial, is admitted by what this one has shown, not by a prediction that fell short.</summary>
    public void Report(TrialProgress value)
    {
        Interlocked.CompareExchange(ref _firstStep, value.Step, 0);
        Volatile.Write(ref _latest, value);
        if (_measuresItsOwnPeak && MeasuredPeaks.PeakOnDevice(_device, value.PeakMemoryBytes, value.PeakDeviceMemoryBytes) is > 0 and var peak)
        {
            _slots.Raise(_reservation, peak);
            _slots.Peaks.Learn(Recipe, peak);
        }
    }

    public void Cancel(bool byUser)
    {
        CancelledByUser |= byUser;
        _cts.Cancel();
    }

    /// <summary>Asks the attempt to checkpoint at its current step and stop, so that the trial can resume elsewhere.</summary>
    public void Drain() => _drain.Cancel();

    private void DropIfQueued()
    {
        if (Interlocked.CompareExchange(ref _phase, Dropped, Queued) == Queued) _done.TrySetCanceled();
    }

    private void Execute(ITrialExecutor executor, TrialSpec spec, ICheckpointStore checkpoints, string recipe, MeasuredPeaks peaks)
    {
        if (Interlocked.CompareExchange(ref _phase, Executing, Queued) != Queued) return; // cancelled while it waited
        try
        {
            var result = executor.Execute(spec, this, _cts.Token, checkpoints, _drain.Token);
            if (executor.MeasuresItsOwnPeak) peaks.Record(recipe, spec.Device, result.Metrics);
            _done.TrySetResult(result);
        }
        catch (TrialDrainedException e) { _done.TrySetException(e); }
        catch (OperationCanceledException) { _done.TrySetCanceled(); }
        catch (Exception e) { _done.TrySetException(e); }
    }
}
