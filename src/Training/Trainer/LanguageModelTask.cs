using Sweep.Settings;
using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>Causal language modelling: next-token cross-entropy on full blocks; perplexity = exp(mean token loss).</summary>
public sealed class LanguageModelTask(ICausalLm model, LmBatcher train, LmBatcher eval) : ITrainingTask
{
    public int StepsPerEpoch => train.BatchesPerEpoch;
    public int BatchSize => train.BatchSize;
    public string PrimaryMetric => MetricNames.Perplexity;
    public bool HigherIsBetter => false;

    public Tensor Loss(int epoch, int index)
    {
        using var batch = train.Batch(epoch, index);
        using var logits = model.Logits(batch.InputIds);                                      // (B, T, V)
        return nn.functional.cross_entropy(logits.to(ScalarType.Float32).flatten(0, 1), batch.Targets.flatten());
    }

    public EvalOutcome Evaluate()
    {
        double lossSum = 0;
        long tokens = 0;
        foreach (var batch in eval.InOrder())
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                var logits = model.Logits(batch.InputIds).to(ScalarType.Float32);              // (B, T, V)
                lossSum += nn.functional.cross_entropy(logits.flatten(0, 1), batch.Targets.flatten(), reduction: nn.Reduction.Sum).item<float>();
                tokens += batch.Targets.numel();
            }
        }
        var mean = lossSum / Math.Max(1, tokens);
        var metrics = new Dictionary<string, double> { [MetricNames.EvalLoss] = mean, [MetricNames.Perplexity] = Math.Exp(mean) };
        return new EvalOutcome(metrics, [], []);
    }
}
