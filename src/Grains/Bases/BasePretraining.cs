using Sweep.Grains.Interfaces;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training;
using Sweep.Training.Trials;

namespace Sweep.Grains.Bases;

/// <summary>
/// One attempt at pretraining a base, on a slot of the silo (like a trial): the training core's <see cref="BasePretrainer"/>
/// with checkpoints in the artifact store, so a later attempt resumes from the last one; the finished base is published
/// to the artifact store. Cancelling (its activation going away) stops it at the next step; the checkpoint stays.
/// </summary>
public sealed class BasePretraining : IProgress<TrialProgress>
{
    private readonly TaskCompletionSource<BaseProvenance> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cts = new();
    private TrialProgress? _latest;

    public Task<BaseProvenance> Completion => _done.Task;
    public TrialProgress? Latest => Volatile.Read(ref _latest);

    public static BasePretraining Start(TrialHost host, BaseRecipe recipe, string requestedBy, int attempt, int? threads)
    {
        var run = new BasePretraining();
        host.Slots.Post(() => run.Execute(host, recipe, requestedBy, attempt, threads));
        return run;
    }

    public void Report(TrialProgress value) => Volatile.Write(ref _latest, value);

    public void Cancel() => _cts.Cancel();

    private void Execute(TrialHost host, BaseRecipe recipe, string requestedBy, int attempt, int? threads)
    {
        var hash = recipe.Hash();
        var tmp = Path.Combine(host.BaseCacheDirectory, $"{hash}.pretrain-{Guid.NewGuid():N}");
        try
        {
            if (_cts.IsCancellationRequested) throw new OperationCanceledException();
            var artifacts = new BaseArtifacts(host.Artifacts);
            var spec = PretrainSpec.From(recipe, tmp) with { Checkpoints = artifacts.Checkpoints(hash), Threads = threads };
            var outcome = BasePretrainer.Run(spec, this, _cts.Token);
            if (outcome.State == TrialState.Cancelled) throw new OperationCanceledException();
            if (outcome.State != TrialState.Completed || outcome.FinalEval is null)
                throw new InvalidInputException($"pretraining base {hash} ended {outcome.State}: {outcome.Error}");
            var provenance = new BaseProvenance
            {
                Hash = hash, Recipe = recipe, PretrainedBy = requestedBy, PretrainedAt = DateTimeOffset.UtcNow, Silo = host.SiloName,
                Steps = outcome.Steps, TrainSeconds = outcome.TrainSeconds, Perplexity = outcome.FinalEval.Metrics[MetricNames.Perplexity],
                Attempts = attempt, ArtifactPrefix = BaseArtifacts.Prefix(hash),
            };
            artifacts.Publish(tmp, provenance);
            _done.TrySetResult(provenance);
        }
        catch (OperationCanceledException) { _done.TrySetCanceled(); }
        catch (Exception e) { _done.TrySetException(e); }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        }
    }
}
