using Sweep.Settings;
using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>Sentence classification: cross-entropy on the classifier logits; accuracy, F1 (class 1), macro F1.</summary>
public sealed class ClassificationTask(ISequenceClassifier model, ClassificationBatcher train, ClassificationBatcher eval) : ITrainingTask
{
    public int StepsPerEpoch => train.BatchesPerEpoch;
    public int BatchSize => train.BatchSize;
    public int TokensPerExample => 0;
    public string PrimaryMetric => MetricNames.Accuracy;
    public bool HigherIsBetter => true;

    public Tensor Loss(int epoch, int index)
    {
        using var batch = train.Batch(epoch, index);
        using var logits = model.Logits(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (B, 2)
        return nn.functional.cross_entropy(logits.to(ScalarType.Float32), batch.Labels);
    }

    public EvalOutcome Evaluate()
    {
        var predictions = new List<int>();
        var labels = new List<int>();
        double lossSum = 0;
        foreach (var batch in eval.InOrder())
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                var logits = model.Logits(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds).to(ScalarType.Float32);
                lossSum += nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).item<float>();
                predictions.AddRange(logits.argmax(-1).data<long>().Select(v => (int)v));
                labels.AddRange(batch.Labels.data<long>().Select(v => (int)v));
            }
        }
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Accuracy] = ClassificationMetrics.Accuracy(predictions, labels),
            [MetricNames.F1] = ClassificationMetrics.F1(predictions, labels),
            [MetricNames.F1Macro] = ClassificationMetrics.F1Macro(predictions, labels),
            [MetricNames.EvalLoss] = lossSum / labels.Count,
        };
        return new EvalOutcome(metrics, predictions, labels);
    }
}
