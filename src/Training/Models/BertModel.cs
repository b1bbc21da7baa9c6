using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

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
