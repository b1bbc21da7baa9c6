using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// One attempt of a trial on a dedicated background thread, outside grain turns (TorchSharp dispose scopes are
/// thread-static and a training step must never block the grain scheduler). Holds a silo slot while it executes.
/// </summary>
public sealed class TrialRun : IProgress<TrialProgress>
{
    private readonly TaskCompletionSource<TrialResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cts = new();
    private TrialProgress? _latest;

    public Task<TrialResult> Completion => _done.Task;
    public TrialProgress? Latest => Volatile.Read(ref _latest);
    /// <summary>Set when the user cancelled (as opposed to the activation going away).</summary>
    public bool CancelledByUser { get; private set; }

    public static TrialRun Start(ITrialExecutor executor, TrialSpec spec, ICheckpointStore checkpoints, SiloSlotGate gate)
    {
        var run = new TrialRun();
        var thread = new Thread(() => run.Execute(executor, spec, checkpoints, gate)) { IsBackground = true, Name = $"trial {spec.Id}" };
        thread.Start();
        return run;
    }

    public void Report(TrialProgress value) => Volatile.Write(ref _latest, value);

    public void Cancel(bool byUser)
    {
        CancelledByUser |= byUser;
        _cts.Cancel();
    }

    private void Execute(ITrialExecutor executor, TrialSpec spec, ICheckpointStore checkpoints, SiloSlotGate gate)
    {
        try
        {
            gate.Enter(_cts.Token);
            try { _done.TrySetResult(executor.Execute(spec, this, _cts.Token, checkpoints)); }
            finally { gate.Exit(); }
        }
        catch (OperationCanceledException) { _done.TrySetCanceled(); }
        catch (Exception e) { _done.TrySetException(e); }
    }
}
