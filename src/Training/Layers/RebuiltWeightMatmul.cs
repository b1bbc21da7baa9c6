using static TorchSharp.torch;

namespace Sweep.Training.Layers;

/// <summary>
/// y = x·Wᵀ for a frozen weight that is <em>made</em> for the matmul (dequantized from NF4 codes, or cast to a 16-bit
/// compute type), as an autograd function that keeps nothing for backward and makes W again there:
/// ∂L/∂x = ∂L/∂y·W. Written out as dequantize-then-linear, autograd keeps each layer's made weight from forward until
/// backward, so during a step a 4-bit base holds as much weight as a full-precision one, plus its codes (bitsandbytes'
/// 4-bit matmul makes the same trade: one more dequantization per layer in backward).
/// Memory discipline: the gradient passed in and the one handed back are released as soon as libtorch holds its own
/// references (the next call on this thread releases the last one), so a step keeps no wrapper to its end; the
/// output-shaped placeholder the TorchSharp function keeps per call is released with the caller's dispose scope.
/// </summary>
public sealed class RebuiltWeightMatmul : autograd.SingleTensorFunction<RebuiltWeightMatmul>
{
    private const string MakeKey = "make_weight";

    [ThreadStatic] private static Tensor? _handedBack;

    public override string Name => nameof(RebuiltWeightMatmul);

    /// <summary>x (…, in) → (…, out) with W = <paramref name="makeWeight"/>() (out, in) in x's dtype; the weight is
    /// made once here and once in backward, and disposed each time.</summary>
    public static Tensor Apply(Tensor x, Func<Tensor> makeWeight) => apply(x, makeWeight);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var make = (Func<Tensor>)vars[1];
        ctx.save_data(MakeKey, make);
        using var w = make();
        return nn.functional.linear(x, w);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        ReleaseHandedBack();
        Tensor gradInput;
        using (var scope = NewDisposeScope())
        {
            using var w = ((Func<Tensor>)ctx.get_data(MakeKey))();
            gradInput = gradOutput.matmul(w).DetachFromDisposeScope(); // (…, out)·(out, in) → (…, in)
        }
        gradOutput.Dispose();
        _handedBack = gradInput;
        return [gradInput, null!];
    }

    // this thread's wrapper of the last gradient handed to libtorch (libtorch keeps its own reference)
    private static void ReleaseHandedBack()
    {
        _handedBack?.Dispose();
        _handedBack = null;
    }
}
