using Sweep.Training.Layers;
using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>Causal self-attention with a fused q,k,v projection (<c>c_attn</c>) and <c>c_proj</c>.</summary>
public sealed class Gpt2Attention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly TargetLinear c_attn;
    private readonly TargetLinear c_proj;
#pragma warning restore IDE1006
    private readonly SeededDropout attn_dropout;
    private readonly SeededDropout resid_dropout;
    private readonly int _heads;
    private readonly int _headSize;

    public Gpt2Attention(Gpt2Config c) : base(nameof(Gpt2Attention))
    {
        _heads = c.NHead;
        _headSize = c.NEmbd / c.NHead;
        c_attn = new TargetLinear(c.NEmbd, 3 * c.NEmbd);
        c_proj = new TargetLinear(c.NEmbd, c.NEmbd);
        attn_dropout = new SeededDropout(c.AttnPdrop);
        resid_dropout = new SeededDropout(c.ResidPdrop);
        RegisterComponents();
    }

    // (B, T, C) → (B, T, C)
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1], c = x.shape[2];
        var qkv = c_attn.forward(x).split(c, 2);                                             // 3 × (B, T, C)
        Tensor Heads(Tensor y) => y.view(b, t, _heads, _headSize).transpose(1, 2);          // (B, H, T, D)
        var (q, k, v) = (Heads(qkv[0]), Heads(qkv[1]), Heads(qkv[2]));
        var scores = q.matmul(k.transpose(-1, -2)).div(Math.Sqrt(_headSize));              // (B, H, T, T)
        var causal = ones(t, t, dtype: ScalarType.Bool, device: x.device).tril();           // (T, T)
        scores = scores.masked_fill(causal.logical_not(), float.MinValue);
        var probs = attn_dropout.forward(nn.functional.softmax(scores, -1));
        var y = probs.matmul(v).transpose(1, 2).contiguous().view(b, t, c);                 // (B, T, C)
        return resid_dropout.forward(c_proj.forward(y)).MoveToOuterDisposeScope();
    }
}
