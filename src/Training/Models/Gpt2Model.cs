using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>HF's GPT2Model: <c>wte</c>, <c>wpe</c>, <c>h.{i}</c>, <c>ln_f</c>.</summary>
public sealed class Gpt2Model : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly ModuleList<Gpt2Block> h;
    private readonly LayerNorm ln_f;
#pragma warning restore IDE1006
    private readonly SeededDropout drop;

    public Gpt2Model(Gpt2Config c) : base(nameof(Gpt2Model))
    {
        wte = nn.Embedding(c.VocabSize, c.NEmbd);
        wpe = nn.Embedding(c.NPositions, c.NEmbd);
        drop = new SeededDropout(c.EmbdPdrop);
        h = nn.ModuleList(Enumerable.Range(0, c.NLayer).Select(_ => new Gpt2Block(c)).ToArray());
        ln_f = nn.LayerNorm(c.NEmbd, c.LayerNormEpsilon);
        using (no_grad())
        {
            // GPT-2's initialisation: N(0, 0.02²) for embeddings (linears keep their default here).
            nn.init.normal_(wte.weight!, 0, 0.02);
            nn.init.normal_(wpe.weight!, 0, 0.01);
        }
        RegisterComponents();
    }

    public Parameter TokenEmbedding => wte.weight!;

    // (B, T) → (B, T, C)
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var t = inputIds.shape[1];
        var positions = arange(t, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0); // (1, T)
        var x = drop.forward(wte.forward(inputIds).add(wpe.forward(positions)));
        foreach (var block in h) x = block.forward(x);
        return ln_f.forward(x).MoveToOuterDisposeScope();
    }
}
