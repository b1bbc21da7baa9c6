using Sweep.Training.Adapters;
using Sweep.Training.Models;
using Sweep.Training.Trainer;
using static TorchSharp.torch;

namespace Sweep.Bench;

/// <summary>How an <see cref="LmTrainStep"/> computes its loss.</summary>
public enum LmLossKind
{
    /// <summary>The whole (B·T, V) logits, then libtorch's cross-entropy, differentiated by autograd (the earlier loss).</summary>
    FullLogits,
    /// <summary><see cref="ChunkedLmLoss"/>: the projection and its gradient a chunk of positions at a time (the trainer's loss).</summary>
    Chunked,
}

/// <summary>
/// One LoRA r=8 training step of a GPT-2-shaped language model with the 50,257-token vocabulary (dropout 0, AdamW,
/// tied embedding frozen), built once and run repeatedly: forward, loss, backward, update.
/// </summary>
public sealed class LmTrainStep : IDisposable
{
    private readonly Gpt2LMHeadModel _model;
    private readonly AdamW _optimizer;
    private readonly LmLossKind _loss;
    private readonly Tensor _ids, _targets;

    public LmTrainStep(LmLossKind loss, Gpt2Config config, int batch, int seqLen)
    {
        manual_seed(1);
        _loss = loss;
        _model = new Gpt2LMHeadModel(config with { ResidPdrop = 0, EmbdPdrop = 0, AttnPdrop = 0 });
        AdapterInjector.AttachLora(_model, new AdapterPlan { Rank = 8, Dropout = 0, Targets = ["all-linear"] });
        AdapterInjector.FreezeAllButAdaptersAnd(_model, []);
        var trainable = _model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        _optimizer = new AdamW(trainable.Select(p => (p.name, p.parameter, AdamW.DecaysParameter(p.name))), 0.01);
        _ids = randint(0, config.VocabSize, new long[] { batch, seqLen }, dtype: ScalarType.Int64);
        _targets = randint(0, config.VocabSize, new long[] { batch * seqLen }, dtype: ScalarType.Int64);
    }

    public void Run()
    {
        using var scope = NewDisposeScope();
        var loss = _loss == LmLossKind.FullLogits
            ? nn.functional.cross_entropy(_model.Logits(_ids).flatten(0, 1), _targets)
            : ChunkedLmLoss.MeanWithGradient(_model.Hidden(_ids).flatten(0, 1), _model.OutputWeight, _targets);
        loss.backward();
        _optimizer.Update(1e-4);
        _optimizer.ZeroGrad();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _ids.Dispose();
        _targets.Dispose();
    }
}
