using Sweep.Training.Layers;
using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>Dense projection, dropout, residual add and LayerNorm (HF's BertSelfOutput / BertOutput).</summary>
public sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly TargetLinear dense;
    private readonly LayerNorm LayerNorm;
#pragma warning restore IDE1006
    private readonly SeededDropout dropout;

    public BertResidualOutput(int inFeatures, BertConfig c) : base(nameof(BertResidualOutput))
    {
        dense = new TargetLinear(inFeatures, c.HiddenSize);
        LayerNorm = nn.LayerNorm(c.HiddenSize, c.LayerNormEps);
        dropout = new SeededDropout(c.HiddenDropoutProb);
        RegisterComponents();
    }

    // hidden (B, T, in), residual (B, T, C) → (B, T, C)
    public override Tensor forward(Tensor hidden, Tensor residual) =>
        LayerNorm.forward(dropout.forward(dense.forward(hidden)).add(residual));
}
