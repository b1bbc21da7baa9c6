using Sweep.Training.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>HF's BertEncoder: <c>layer.{i}</c>.</summary>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly ModuleList<BertLayer> layer;
#pragma warning restore IDE1006

    public BertEncoder(BertConfig c) : base(nameof(BertEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, c.NumHiddenLayers).Select(_ => new BertLayer(c)).ToArray());
        RegisterComponents();
    }

    // (B, T, C) → (B, T, C)
    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        var h = x;
        foreach (var l in layer)
        {
            var next = l.forward(h, additiveMask);
            if (!ReferenceEquals(h, x)) h.Dispose();
            h = next;
        }
        return h;
    }
}

/// <summary>HF's BertPooler: dense + tanh on the first token.</summary>
public sealed class BertPooler : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly TargetLinear dense;
#pragma warning restore IDE1006

    public BertPooler(BertConfig c) : base(nameof(BertPooler))
    {
        dense = new TargetLinear(c.HiddenSize, c.HiddenSize);
        RegisterComponents();
    }

    // (B, T, C) → (B, C)
    public override Tensor forward(Tensor hidden)
    {
        using var first = hidden.select(1, 0);
        return dense.forward(first).tanh();
    }
}

/// <summary>BERT encoder: embeddings, encoder, pooler. Returns (last_hidden_state, pooled).</summary>
public sealed class BertModel : nn.Module<Tensor, Tensor, Tensor, (Tensor Hidden, Tensor Pooled)>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler pooler;
#pragma warning restore IDE1006

    public BertConfig Config { get; }

    public BertModel(BertConfig c) : base(nameof(BertModel))
    {
        Config = c;
        embeddings = new BertEmbeddings(c);
        encoder = new BertEncoder(c);
        pooler = new BertPooler(c);
        RegisterComponents();
    }

    // input_ids, attention_mask, token_type_ids (B, T) → hidden (B, T, C), pooled (B, C)
    public override (Tensor Hidden, Tensor Pooled) forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var x = embeddings.forward(inputIds, tokenTypeIds);
        // (B, 1, 1, T): 0 where attended, the dtype's minimum where padded (as HF does).
        var additive = attentionMask.to(x.dtype).unsqueeze(1).unsqueeze(2).neg().add(1.0).mul(MinValue(x.dtype));
        var hidden = encoder.forward(x, additive);
        var pooled = pooler.forward(hidden);
        return (hidden.MoveToOuterDisposeScope(), pooled.MoveToOuterDisposeScope());
    }

    private static double MinValue(ScalarType t) => t switch
    {
        ScalarType.Float16 => -65504.0,
        ScalarType.BFloat16 => -3.3895313892515355e38,
        _ => float.MinValue,
    };
}
