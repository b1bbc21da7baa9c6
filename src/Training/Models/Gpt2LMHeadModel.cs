using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>GPT-2 with the language-model head tied to the token embedding (no separate <c>lm_head</c> parameter).</summary>
public sealed class Gpt2LMHeadModel : nn.Module<Tensor, Tensor>, ICausalLm
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly Gpt2Model transformer;
#pragma warning restore IDE1006

    public Gpt2Config Config { get; }
    public int VocabSize => Config.VocabSize;

    public Gpt2LMHeadModel(Gpt2Config c) : base(nameof(Gpt2LMHeadModel))
    {
        Config = c;
        transformer = new Gpt2Model(c);
        RegisterComponents();
    }

    // (B, T) → (B, T, V)
    public override Tensor forward(Tensor inputIds)
    {
        using var hidden = transformer.forward(inputIds);
        return nn.functional.linear(hidden, transformer.TokenEmbedding);
    }

    public Tensor Logits(Tensor inputIds) => forward(inputIds);

    public Tensor Hidden(Tensor inputIds) => transformer.forward(inputIds);

    public Tensor OutputWeight => transformer.TokenEmbedding;
}
