using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Models;
using Sweep.Training.Trainer;
using static TorchSharp.torch;

namespace Sweep.Bench;

/// <summary>What a <see cref="CoreTrainStep"/> trains: which adapters, on which base.</summary>
public enum CoreStepKind
{
    /// <summary>LoRA r=8 on every linear, base frozen.</summary>
    Lora,
    /// <summary>All weights trained, no adapters.</summary>
    Full,
    /// <summary>LoRA r=8 over a double-quantized NF4 base, computed in fp32.</summary>
    Nf4,
    /// <summary>AdaLoRA r=12 adapters only.</summary>
    AdaLora,
    /// <summary>AdaLoRA plus the orthogonal regulariser in the loss.</summary>
    AdaLoraOrth,
    /// <summary>AdaLoRA, orthogonal regulariser and the rank allocator (EMAs every step, mask every 10).</summary>
    AdaLoraAll,
}

/// <summary>
/// One training step of a BERT-base-shaped classifier (dropout 0, AdamW), built once and run repeatedly:
/// forward, cross-entropy, backward, optimiser update, and for AdaLoRA its regulariser and allocator.
/// </summary>
public sealed class CoreTrainStep : IDisposable
{
    private readonly BertForSequenceClassification _model;
    private readonly AdamW _optimizer;
    private readonly RankAllocator? _allocator;
    private readonly List<AdaLoraAdapter> _adaptive;
    private readonly OrthogonalRegularizer _orthogonal = new();
    private readonly bool _withOrthogonal;
    private readonly Tensor _ids, _mask, _types, _labels;
    private int _step;

    public CoreTrainStep(CoreStepKind kind, ScalarType baseDtype, int layers, int batch, int seqLen)
    {
        manual_seed(1);
        var config = BertConfig.BertBaseUncased with { NumHiddenLayers = layers, HiddenDropoutProb = 0, AttentionProbsDropoutProb = 0 };
        _model = new BertForSequenceClassification(config);
        if (baseDtype != ScalarType.Float32)
            foreach (var (_, l) in AdapterInjector.Linears(_model)) l.StoreBaseAs(baseDtype);
        if (kind == CoreStepKind.Nf4)
            foreach (var (_, l) in AdapterInjector.Linears(_model)) l.Quantize(doubleQuant: true, ScalarType.Float32);
        var adaptive = kind is CoreStepKind.AdaLora or CoreStepKind.AdaLoraOrth or CoreStepKind.AdaLoraAll;
        IReadOnlyList<(string Path, ILinearAdapter Adapter)> adapters = [];
        if (kind != CoreStepKind.Full)
        {
            adapters = adaptive
                ? AdapterInjector.Attach(_model, new AdapterPlan { Rank = 12 }, (_, l, r) => new AdaLoraAdapter(l.InFeatures, l.OutFeatures, r, 16))
                : AdapterInjector.AttachLora(_model, new AdapterPlan { Rank = 8, Dropout = 0 });
            AdapterInjector.FreezeAllButAdaptersAnd(_model, _model.HeadPrefixes);
        }
        _adaptive = adapters.Select(a => a.Adapter).OfType<AdaLoraAdapter>().ToList();
        _withOrthogonal = kind is CoreStepKind.AdaLoraOrth or CoreStepKind.AdaLoraAll;
        _allocator = kind == CoreStepKind.AdaLoraAll
            ? new RankAllocator(adapters.Select(a => (a.Path, (AdaLoraAdapter)a.Adapter)).ToList(), adapters.Count * 4, 0, 0, 100_000, 10)
            : null;
        var trainable = _model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        _optimizer = new AdamW(trainable.Select(p => (p.name, p.parameter, AdamW.DecaysParameter(p.name))), 0.01);
        _ids = randint(0, 30000, new long[] { batch, seqLen }, dtype: ScalarType.Int64);
        _mask = ones_like(_ids);
        _types = zeros_like(_ids);
        _labels = randint(0, 2, new long[] { batch }, dtype: ScalarType.Int64);
    }

    public void Run()
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(_model.forward(_ids, _mask, _types), _labels);
        if (_withOrthogonal) loss = loss + _orthogonal.Loss(_adaptive);
        loss.backward();
        _optimizer.Update(1e-4);
        _allocator?.Update(++_step);
        _optimizer.ZeroGrad();
    }

    public void Dispose()
    {
        _allocator?.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
        _ids.Dispose();
        _mask.Dispose();
        _types.Dispose();
        _labels.Dispose();
    }
}
