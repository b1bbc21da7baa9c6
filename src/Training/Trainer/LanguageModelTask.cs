using Sweep.Settings;
using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>
/// Causal language modelling: next-token cross-entropy on full blocks, the vocabulary projection computed a chunk of
/// positions at a time (<see cref="ChunkedLmLoss"/>); evaluation perplexity = exp(mean token NLL over all evaluation tokens).
/// </summary>
public sealed class LanguageModelTask(ICausalLm model, LmBatcher train, LmBatcher eval, ScalarType? logitsType = null) : ITrainingTask
{
    public int StepsPerEpoch => train.BatchesPerEpoch;
    public int BatchSize => train.BatchSize;
    public int TokensPerExample => train.BlockSize;
    public string PrimaryMetric => MetricNames.Perplexity;
    public bool HigherIsBetter => false;

    public Tensor Loss(int epoch, int index)
    {
        using var batch = train.Batch(epoch, index);
        using var hidden = model.Hidden(batch.InputIds);                                      // (B, T, C)
        using var flat = hidden.flatten(0, 1);                                                // (B·T, C)
        using var targets = batch.Targets.flatten();                                          // (B·T)
        return ChunkedLmLoss.MeanWithGradient(flat, model.OutputWeight, targets, logitsType: logitsType);
    }

    public EvalOutcome Evaluate()
    {
        var total = new TokenNllTotal();
        foreach (var batch in eval.InOrder())
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                var hidden = model.Hidden(batch.InputIds).flatten(0, 1);                       // (B·T, C)
                total.Add(ChunkedLmLoss.Sum(hidden, model.OutputWeight, batch.Targets.flatten(), logitsType: logitsType), batch.Targets.numel());
            }
        }
        var metrics = new Dictionary<string, double> { [MetricNames.EvalLoss] = total.MeanNll, [MetricNames.Perplexity] = total.Perplexity };
        return new EvalOutcome(metrics, [], []);
    }
}
