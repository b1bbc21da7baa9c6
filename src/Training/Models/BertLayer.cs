using Sweep.Training.Layers;
using TorchSharp;
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
    private readonly Dropout dropout;

    public BertResidualOutput(int inFeatures, BertConfig c) : base(nameof(BertResidualOutput))
    {
        dense = new TargetLinear(inFeatures, c.HiddenSize);
        LayerNorm = nn.LayerNorm(c.HiddenSize, c.LayerNormEps);
        dropout = nn.Dropout(c.HiddenDropoutProb);
        RegisterComponents();
    }

    // hidden (B, T, in), residual (B, T, C) → (B, T, C)
    public override Tensor forward(Tensor hidden, Tensor residual) =>
        LayerNorm.forward(dropout.forward(dense.forward(hidden)).add(residual));
}

/// <summary>HF's BertAttention: <c>self</c> (attention) then <c>output</c> (projection + residual).</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;
#pragma warning restore IDE1006

    public BertAttention(BertConfig c) : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(c);
        output = new BertResidualOutput(c.HiddenSize, c);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor additiveMask) => output.forward(self.forward(x, additiveMask), x);
}

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

/// <summary>One transformer layer: attention, intermediate, output.</summary>
public sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;
#pragma warning restore IDE1006

    public BertLayer(BertConfig c) : base(nameof(BertLayer))
    {
        attention = new BertAttention(c);
        intermediate = new BertIntermediate(c);
        output = new BertResidualOutput(c.IntermediateSize, c);
        RegisterComponents();
    }

    // (B, T, C) → (B, T, C)
    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var a = attention.forward(x, additiveMask);
        return output.forward(intermediate.forward(a), a).MoveToOuterDisposeScope();
    }
}
