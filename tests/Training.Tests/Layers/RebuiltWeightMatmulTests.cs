using Sweep.Training.Layers;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Layers;

/// <summary>
/// A frozen base whose weight is made for the matmul (NF4 codes dequantized, fp32 cast to bf16) gives the same output
/// and the same input gradient as writing it out as "make the weight, then linear" (the reference autograd derives),
/// while autograd keeps nothing of the weight between forward and backward.
/// </summary>
[Collection(GlobalTorchRandom.Name)]
[Category(Category.Unit)]
public sealed class RebuiltWeightMatmulTests
{
    private static (Tensor Y, Tensor Grad) ForwardBackward(Func<Tensor, Tensor> f, Tensor x0, Tensor upstream)
    {
        var x = x0.detach().clone().requires_grad_(true);
        var y = f(x);
        y.backward([upstream]);
        return (y.detach(), x.grad!.detach().clone());
    }

    [Fact]
    public void An_nf4_layer_gives_the_dequantize_then_linear_output_and_input_gradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var layer = new TargetLinear(192, 96);
        layer.Quantize(doubleQuant: true, computeDtype: ScalarType.Float32);
        var x = randn(3, 5, 192);           // (B, T, in)
        var upstream = randn(3, 5, 96);     // ∂L/∂y

        var (y, grad) = ForwardBackward(layer.forward, x, upstream);
        var w = layer.Quantized!.Dequantize(ScalarType.Float32);
        var (yRef, gradRef) = ForwardBackward(v => nn.functional.linear(v, w, layer.Bias), x, upstream);

        Assert.True(y.allclose(yRef, rtol: 1e-6, atol: 1e-6), $"max |Δy| {(y - yRef).abs().max().item<float>()}");
        Assert.True(grad.allclose(gradRef, rtol: 1e-5, atol: 1e-6), $"max |Δ∂x| {(grad - gradRef).abs().max().item<float>()}");
        Assert.True(grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void A_mixed_precision_layer_gives_the_cast_then_linear_output_and_input_gradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var layer = new TargetLinear(64, 32);
        layer.StoreBaseAs(ScalarType.Float32);          // frozen fp32 storage
        layer.ComputeIn(ScalarType.BFloat16);           // each matmul in bf16: the weight is cast, a made weight
        var x = randn(4, 64);
        var upstream = randn(4, 32);

        var (y, grad) = ForwardBackward(layer.forward, x, upstream);
        var w = layer.Weight!.detach().to(ScalarType.BFloat16);
        var b = layer.Bias!.detach().to(ScalarType.BFloat16);
        var (yRef, gradRef) = ForwardBackward(v => nn.functional.linear(v.to(ScalarType.BFloat16), w, b).to(ScalarType.Float32), x, upstream);

        Assert.True(y.allclose(yRef, rtol: 1e-2, atol: 1e-2), $"max |Δy| {(y - yRef).abs().max().item<float>()}");
        Assert.True(grad.allclose(gradRef, rtol: 1e-2, atol: 1e-2), $"max |Δ∂x| {(grad - gradRef).abs().max().item<float>()}");
    }

    [Fact]
    public void Gradients_reach_an_adapter_and_the_layers_before_through_an_nf4_layer()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        var first = new TargetLinear(48, 48);
        first.StoreBaseAs(ScalarType.Float32);
        var scale = ones(48).requires_grad_(true);      // a trainable value before the NF4 layer
        var layer = new TargetLinear(48, 24);
        layer.Quantize(doubleQuant: false, computeDtype: ScalarType.Float32);
        var x = randn(6, 48);

        var loss = layer.forward(first.forward(x) * scale).pow(2).sum();
        loss.backward();
        var viaFunction = scale.grad!.detach().clone();

        scale.grad!.zero_();
        var w = layer.Quantized!.Dequantize(ScalarType.Float32);
        nn.functional.linear(first.forward(x) * scale, w, layer.Bias).pow(2).sum().backward();
        Assert.True(viaFunction.allclose(scale.grad!, rtol: 1e-5, atol: 1e-5), $"max |Δ| {(viaFunction - scale.grad!).abs().max().item<float>()}");
    }
}
