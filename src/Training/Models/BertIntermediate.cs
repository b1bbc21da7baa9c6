using Sweep.Training.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>HF's BertIntermediate: dense to the FFN width and the activation.</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly TargetLinear dense;
#pragma warning restore IDE1006
    private readonly string _act;

    public BertIntermediate(BertConfig c) : base(nameof(BertIntermediate))
    {
        dense = new TargetLinear(c.HiddenSize, c.IntermediateSize);
        _act = c.HiddenAct;
        RegisterComponents();
    }

    // (B, T, C) → (B, T, F)
    public override Tensor forward(Tensor x) => Activations.Apply(_act, dense.forward(x));
}
