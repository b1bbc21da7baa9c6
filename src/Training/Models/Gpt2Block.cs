using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>Pre-LayerNorm transformer block: x + attn(ln_1(x)), then + mlp(ln_2(x)).</summary>
public sealed class Gpt2Block : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly LayerNorm ln_1;
    private readonly Gpt2Attention attn;
    private readonly LayerNorm ln_2;
    private readonly Gpt2Mlp mlp;
#pragma warning restore IDE1006

    public Gpt2Block(Gpt2Config c) : base(nameof(Gpt2Block))
    {
        ln_1 = nn.LayerNorm(c.NEmbd, c.LayerNormEpsilon);
        attn = new Gpt2Attention(c);
        ln_2 = nn.LayerNorm(c.NEmbd, c.LayerNormEpsilon);
        mlp = new Gpt2Mlp(c);
        RegisterComponents();
    }

    // (B, T, C) → (B, T, C)
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.add(attn.forward(ln_1.forward(x)));
        return h.add(mlp.forward(ln_2.forward(h))).MoveToOuterDisposeScope();
    }
}
