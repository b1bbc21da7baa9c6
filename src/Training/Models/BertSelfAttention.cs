using Sweep.Training.Layers;
using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>Multi-head self-attention with an additive padding mask.</summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly TargetLinear query;
    private readonly TargetLinear key;
    private readonly TargetLinear value;
#pragma warning restore IDE1006
    private readonly SeededDropout dropout;
    private readonly int _heads;
    private readonly int _headSize;

    public BertSelfAttention(BertConfig c) : base(nameof(BertSelfAttention))
    {
        _heads = c.NumAttentionHeads;
        _headSize = c.HiddenSize / c.NumAttentionHeads;
        query = new TargetLinear(c.HiddenSize, c.HiddenSize);
        key = new TargetLinear(c.HiddenSize, c.HiddenSize);
        value = new TargetLinear(c.HiddenSize, c.HiddenSize);
        dropout = new SeededDropout(c.AttentionProbsDropoutProb);
        RegisterComponents();
    }

    // x (B, T, C), additiveMask (B, 1, 1, T) → (B, T, C)
    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        Tensor Heads(Tensor y) => y.view(b, t, _heads, _headSize).transpose(1, 2);           // (B, H, T, D)
        var q = Heads(query.forward(x));
        var k = Heads(key.forward(x));
        var v = Heads(value.forward(x));
        var scores = q.matmul(k.transpose(-1, -2)).div(Math.Sqrt(_headSize)).add(additiveMask); // (B, H, T, T)
        var probs = dropout.forward(nn.functional.softmax(scores, -1));
        var context = probs.matmul(v).transpose(1, 2).contiguous().view(b, t, _heads * _headSize); // (B, T, C)
        return context.MoveToOuterDisposeScope();
    }
}
