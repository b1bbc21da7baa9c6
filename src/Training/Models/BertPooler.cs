using Sweep.Training.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

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
