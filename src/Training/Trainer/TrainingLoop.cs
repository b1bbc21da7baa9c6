using System.Diagnostics;
using Sweep.Settings;
using Sweep.Training.Randomness;
using Sweep.Training.Trials;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>Settings of one run of the loop (already resolved from the trial spec and preset). <c>EvaluateAtStart</c>: evaluate
/// the model as built, before the first step (recorded as step 0 of the eval history; a resumed run keeps it).</summary>
public sealed record LoopSettings(
    string TrialId, int Seed, int Epochs, int? MaxSteps, double LearningRate, int WarmupSteps,
    double WeightDecay, double MaxGradNorm, int CheckpointEvery, bool EvaluateAtStart = false);

/// <summary>What the loop ended with.</summary>
public sealed record LoopOutcome(
    TrialState State, int Steps, double TrainSeconds, List<double[]> LossCurve, List<double[]> EvalHistory,
    EvalOutcome? FinalEval, int? DivergedAtStep, string? Error);

/// <summary>
/// The optimisation loop: AdamW with linear warmup and decay, gradient clipping, evaluation at each epoch end,
/// checkpoints every N steps, resume from the last checkpoint, NaN/Inf → Diverged at that step. Asked to drain, it saves a
/// checkpoint at the current step at once (whatever N is) and throws <see cref="TrialDrainedException"/>.
/// One dispose scope per step; run it on one dedicated thread (TorchSharp scopes are thread-static). Dropout draws from
/// the loop's own generator, seeded per (seed, step), so trials training at once do not disturb each other.
/// </summary>
public sealed class TrainingLoop(nn.Module model, ITrainingTask task, ITrainingHooks hooks, LoopSettings settings)
{
    public int TotalSteps => Math.Min(settings.Epochs * task.StepsPerEpoch, settings.MaxSteps ?? int.MaxValue);

    /// <param name="drain">fires when the run must stop soon and resume elsewhere: checked before each step, like <paramref name="ct"/>.</param>
    public LoopOutcome Run(IProgress<TrialProgress>? progress, CancellationToken ct, ICheckpointStore? checkpoints, CancellationToken drain = default)
    {
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        using var optimizer = new AdamW(trainable.Select(p => (p.name, p.parameter, AdamW.DecaysParameter(p.name))), settings.WeightDecay);
        using var random = TrialRandom.Begin(model.parameters().First().device);
        var total = TotalSteps;
        var lossCurve = new List<double[]>();
        var evals = new List<double[]>();
        var step = 0;
        var priorSeconds = 0.0;
        var savedStep = 0; // the step of the checkpoint the store holds
        if (checkpoints?.Load(settings.TrialId) is { } bytes)
        {
            var ckpt = TrainingCheckpoint.FromBytes(bytes, $"checkpoint of {settings.TrialId}");
            (step, priorSeconds) = (ckpt.Step, ckpt.TrainSeconds);
            lossCurve = ckpt.LossCurve;
            evals = ckpt.EvalHistory;
            CheckpointState.Restore(ckpt, trainable, optimizer, hooks);
            savedStep = step;
            foreach (var t in ckpt.Tensors.Values) t.Dispose(); // everything restored holds its own copy
        }

        var clock = Stopwatch.StartNew();
        EvalOutcome? lastEval = null;
        if (settings.EvaluateAtStart && step == 0 && evals.Count == 0)
        {
            progress?.Report(new TrialProgress(settings.TrialId, 0, total, double.NaN, 0, "eval"));
            evals.Add([0, Evaluate().Metrics[task.PrimaryMetric]]);
        }
        model.train();
        while (step < total)
        {
            if (drain.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                if (checkpoints is not null && step > savedStep)
                    checkpoints.Save(settings.TrialId, CheckpointState.Capture(step, settings.Seed, lossCurve, evals, priorSeconds + clock.Elapsed.TotalSeconds, trainable, optimizer, hooks).ToBytes());
                throw new TrialDrainedException(settings.TrialId, checkpoints is null ? 0 : step);
            }
            if (ct.IsCancellationRequested)
                return new LoopOutcome(TrialState.Cancelled, step, priorSeconds + clock.Elapsed.TotalSeconds, lossCurve, evals, lastEval, null, "cancelled");
            int epoch = step / task.StepsPerEpoch, index = step % task.StepsPerEpoch;
            double lossValue;
            using (var scope = NewDisposeScope())
            {
                // a resumed run draws what an uninterrupted one would
                random.Seed(StepSeed(settings.Seed, step));
                var loss = task.Loss(epoch, index);
                lossValue = loss.item<float>();
                if (!double.IsFinite(lossValue))
                {
                    lossCurve.Add([step + 1, lossValue]);
                    return new LoopOutcome(TrialState.Diverged, step + 1, priorSeconds + clock.Elapsed.TotalSeconds, lossCurve, evals, lastEval, step + 1,
                        $"loss became {lossValue} at step {step + 1}");
                }
                var extra = hooks.ExtraLoss();
                (extra is null ? loss : loss.add(extra)).backward();
                nn.utils.clip_grad_norm_(optimizer.Parameters, settings.MaxGradNorm);
                optimizer.Update(settings.LearningRate * LearningRateSchedule.Factor(step, settings.WarmupSteps, total));
                step++;
                hooks.AfterOptimizerStep(step);
                optimizer.ZeroGrad();
            }
            lossCurve.Add([step, lossValue]);
            var seconds = priorSeconds + clock.Elapsed.TotalSeconds;
            var sps = (step * (double)task.BatchSize) / Math.Max(1e-9, seconds);
            progress?.Report(new TrialProgress(settings.TrialId, step, total, lossValue, sps, "train"));

            var epochEnd = step % task.StepsPerEpoch == 0 || step == total;
            if (epochEnd)
            {
                progress?.Report(new TrialProgress(settings.TrialId, step, total, lossValue, sps, "eval"));
                lastEval = Evaluate();
                evals.Add([step, lastEval.Metrics[task.PrimaryMetric]]);
            }
            if (checkpoints is not null && settings.CheckpointEvery > 0 && (step % settings.CheckpointEvery == 0) && step < total)
            {
                checkpoints.Save(settings.TrialId, CheckpointState.Capture(step, settings.Seed, lossCurve, evals, seconds, trainable, optimizer, hooks).ToBytes());
                savedStep = step;
            }
        }
        lastEval ??= Evaluate();
        return new LoopOutcome(TrialState.Completed, step, priorSeconds + clock.Elapsed.TotalSeconds, lossCurve, evals, lastEval, null, null);
    }

    private EvalOutcome Evaluate()
    {
        model.eval();
        try
        {
            using var _ = no_grad();
            return task.Evaluate();
        }
        finally { model.train(); }
    }

    /// <summary>The torch seed of one step: dropout masks depend only on (seed, step), so a resumed run matches.</summary>
    public static long StepSeed(int seed, int step) => (long)seed * 1_000_003L + step;
}
