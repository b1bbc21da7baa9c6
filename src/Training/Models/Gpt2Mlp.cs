using Sweep.Training.Layers;
using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>GPT-2's feed-forward block: <c>c_fc</c>, activation, <c>c_proj</c>, dropout.</summary>
public sealed class Gpt2Mlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly TargetLinear c_fc;
    private readonly TargetLinear c_proj;
#pragma warning restore IDE1006
    private readonly SeededDropout dropout;
    private readonly string _act;

    public Gpt2Mlp(Gpt2Config c) : base(nameof(Gpt2Mlp))
    {
        c_fc = new TargetLinear(c.NEmbd, c.Inner);
        c_proj = new TargetLinear(c.Inner, c.NEmbd);
        dropout = new SeededDropout(c.ResidPdrop);
        _act = c.ActivationFunction;
        RegisterComponents();
    }

    // (B, T, C) → (B, T, C)
    public override Tensor forward(Tensor x)
    {
        using var h = Activations.Apply(_act, c_fc.forward(x));                             // (B, T, 4C)
        return dropout.forward(c_proj.forward(h));
    }
}
