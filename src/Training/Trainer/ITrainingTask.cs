using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>
/// What the training loop needs from a task (classification or language modelling): deterministic batches,
/// a loss, and an evaluation. The loop itself knows nothing of models, data or tokenizers.
/// </summary>
public interface ITrainingTask
{
    /// <summary>Optimizer steps in one epoch.</summary>
    int StepsPerEpoch { get; }

    /// <summary>Examples per optimizer step (for samples/s).</summary>
    int BatchSize { get; }

    /// <summary>Target tokens per example (language modelling: the block length T; classification: 0, no token rate).</summary>
    int TokensPerExample { get; }

    /// <summary>The loss of batch <paramref name="index"/> of <paramref name="epoch"/> (a scalar with a graph).
    /// The order within an epoch is a pure function of (seed, epoch).</summary>
    Tensor Loss(int epoch, int index);

    /// <summary>Evaluates on the held-out set (in eval mode, without gradients).</summary>
    EvalOutcome Evaluate();

    /// <summary>"accuracy" or "perplexity": the metric that steps-to-95% follows.</summary>
    string PrimaryMetric { get; }
    bool HigherIsBetter { get; }
}

/// <summary>One evaluation: metrics by name plus per-example predictions and labels (classification).</summary>
public sealed record EvalOutcome(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<int> Predictions, IReadOnlyList<int> Labels);
