using Sweep.Training.Adapters;
using Sweep.Training.Layers;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Adapters;

[Category(Category.Unit)]
public sealed class LoraTests
{
    private static TargetLinear LayerWithLora(int rank = 4, double alpha = 8, long seed = 3)
    {
        manual_seed(seed);
        var layer = new TargetLinear(12, 7);
        layer.AttachAdapter(new LoraAdapter(12, 7, rank, alpha, dropoutProbability: 0.0));
        return layer;
    }

    [Fact]
    public void ZeroBGivesTheBaseOutputExactly()
    {
        var layer = LayerWithLora();
        using var x = randn(5, 12);
        using var withAdapter = layer.forward(x);
        using var plain = nn.functional.linear(x, layer.Weight!, layer.Bias!);
        Assert.True(withAdapter.eq(plain).all().item<bool>());
    }

    [Fact]
    public void MergedWeightIsWPlusBATimesAlphaOverR()
    {
        var layer = LayerWithLora(rank: 4, alpha: 8);
        var lora = (LoraAdapter)layer.Adapter!;
        using (no_grad()) lora.B.normal_();
        using var w0 = layer.Weight!.detach().clone();
        using var expected = w0 + lora.B.matmul(lora.A) * (8.0 / 4.0);
        using var x = randn(3, 12);
        using var before = layer.forward(x);
        layer.Merge();
        Assert.True(layer.Weight!.allclose(expected, rtol: 1e-6, atol: 1e-6));
        using var after = layer.forward(x);
        Assert.True(after.allclose(before, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void MergeThenUnmergeRestoresW()
    {
        var layer = LayerWithLora();
        var lora = (LoraAdapter)layer.Adapter!;
        using (no_grad()) lora.B.normal_();
        using var w0 = layer.Weight!.detach().clone();
        layer.Merge();
        Assert.False(layer.Weight!.allclose(w0));
        layer.Unmerge();
        Assert.True(layer.Weight!.allclose(w0, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void AInitIsKaimingUniformWithBoundOneOverSqrtIn()
    {
        manual_seed(1);
        var a = new LoraAdapter(256, 64, 16, 16, 0);
        var bound = 1.0 / Math.Sqrt(256);
        Assert.True(a.A.abs().max().item<float>() <= bound + 1e-7);
        Assert.True(a.A.abs().max().item<float>() > 0.9 * bound);
        Assert.Equal(0f, a.B.abs().sum().item<float>());
        Assert.Equal(16 * (256 + 64), a.TrainableParameterCount);
    }

    [Fact]
    public void AfterAStepBaseIsUnchangedAndOnlyAdaptersAndHeadHadGradients()
    {
        manual_seed(7);
        var model = new BertForSequenceClassification(BertConfig.Tiny with { HiddenDropoutProb = 0, AttentionProbsDropoutProb = 0 });
        AdapterInjector.AttachLora(model, new AdapterPlan { Rank = 4 });
        AdapterInjector.FreezeAllButAdaptersAnd(model, model.HeadPrefixes);
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        var opt = optim.SGD(trainable, 0.1);
        using var ids = randint(0, 1000, new long[] { 4, 9 }, dtype: ScalarType.Int64);
        using var mask = ones_like(ids);
        using var types = zeros_like(ids);
        using var labels = tensor(new long[] { 0, 1, 1, 0 });
        // Two steps: after the first, B ≠ 0 so A gets a gradient too.
        for (var i = 0; i < 2; i++)
        {
            opt.zero_grad();
            using var loss = nn.functional.cross_entropy(model.forward(ids, mask, types), labels);
            loss.backward();
            opt.step();
        }
        foreach (var (name, p) in model.named_parameters())
        {
            var isTrainable = name.Contains(".adapter.") || name.StartsWith("classifier.");
            Assert.Equal(isTrainable, p.grad is not null);
            if (!isTrainable) Assert.True(p.eq(before[name]).all().item<bool>(), $"{name} changed");
            else Assert.False(p.eq(before[name]).all().item<bool>(), $"{name} did not train");
        }
    }

    [Fact]
    public void UnknownTargetListsTheModelsLinearModules()
    {
        var model = new BertForSequenceClassification(BertConfig.Tiny);
        var e = Assert.Throws<InvalidInputException>(() => AdapterInjector.AttachLora(model, new AdapterPlan { Targets = ["qkv"] }));
        Assert.Contains("'qkv'", e.Message);
        Assert.Contains("attention.self.query", e.Message);
        Assert.Contains("intermediate.dense", e.Message);
    }
}
