using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Layers;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Layers;

/// <summary>The NF4 base and the AdaLoRA adapter plugged into TargetLinear through its contract.</summary>
[Collection(GlobalTorchRandom.Name)]
[Category(Category.Unit)]
public sealed class TargetLinearNf4AdaLoraTests
{
    [Fact]
    public void QuantizedLayerKeepsOnlyCodesAndStaysCloseToTheDenseLayer()
    {
        using var scope = NewDisposeScope();
        var layer = new TargetLinear(256, 192);
        var x = randn(4, 7, 256);                                                        // (B, T, in)
        var dense = layer.forward(x).detach();                                           // (B, T, out)
        layer.Quantize(doubleQuant: true, computeDtype: ScalarType.Float32);

        Assert.Equal("nf4", layer.BaseDtypeName);
        Assert.Null(layer.Weight);
        Assert.DoesNotContain(layer.named_parameters(), p => p.name == "weight");
        Assert.All(layer.named_buffers(), b => Assert.True(b.buffer.dtype == ScalarType.Byte || b.buffer.NumberOfElements <= 512, b.name));
        Assert.Equal(layer.Quantized!.StorageBytes + 192 * 4, layer.BaseBytes);

        var quantized = layer.forward(x);
        var cosine = nn.functional.cosine_similarity(quantized.reshape(-1), dense.reshape(-1), 0).item<float>();
        Assert.True(cosine > 0.99, $"cosine {cosine}");
    }

    [Fact]
    public void AdaLoraAdapterFitsTheContractOnAnNf4Base()
    {
        using var scope = NewDisposeScope();
        var layer = new TargetLinear(64, 48);
        layer.Quantize(doubleQuant: false, computeDtype: ScalarType.Float32);
        var adapter = new AdaLoraAdapter(64, 48, 12, alpha: 12, generator: new Generator(21));
        layer.AttachAdapter(adapter);
        ILinearAdapter contract = adapter;
        Assert.Equal("adalora", contract.Kind);
        Assert.Equal(12 * (64 + 48) + 12, contract.TrainableParameterCount);
        Assert.Equal(contract.TrainableParameterCount, layer.parameters().Where(p => p.requires_grad).Sum(p => p.NumberOfElements));

        using (no_grad()) adapter.E.fill_(0.5);
        adapter.ApplyRankMask(Enumerable.Range(0, 12).Select(i => i % 3 == 0).ToArray());
        Assert.Equal(4, contract.Rank);
        var x = randn(3, 64);
        var expected = nn.functional.linear(x, layer.Quantized!.Dequantize(ScalarType.Float32), layer.Bias) +
                       x.matmul(contract.DeltaWeight().t());
        Assert.True(layer.forward(x).allclose(expected, rtol: 1e-4, atol: 1e-5));
    }
}
