using Sweep.Training.Adapters.AdaLora;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Adapters.AdaLora;

[Collection(GlobalTorchRandom.Name)]
[Category(Category.Unit)]
public sealed class AdaLoraAdapterTests
{
    [Fact]
    public void StartsLikePeftLambdaZeroAndSmallNormalPQ()
    {
        var adapter = new AdaLoraAdapter(200, 300, 12, alpha: 32, generator: new Generator(1));
        Assert.Equal(new long[] { 12, 200 }, adapter.A.shape);
        Assert.Equal(new long[] { 12, 1 }, adapter.E.shape);
        Assert.Equal(new long[] { 300, 12 }, adapter.B.shape);
        Assert.Equal(0f, adapter.E.abs().max().item<float>());
        Assert.InRange(adapter.A.std().item<float>(), 0.019, 0.021);
        Assert.InRange(adapter.B.std().item<float>(), 0.019, 0.021);
        Assert.Equal(12 * (200 + 300) + 12, adapter.TrainableParameterCount);
        Assert.Equal(adapter.TrainableParameterCount, adapter.parameters().Sum(p => p.NumberOfElements));
        Assert.Equal(32 / (12 + 1e-5), adapter.Scaling, 12);
        Assert.Equal(0f, adapter.Delta(ones(2, 5, 200)).abs().max().item<float>());
    }

    [Fact]
    public void DeltaIsTheInputTimesTheTransposedDeltaWeight()
    {
        using var scope = NewDisposeScope();
        var adapter = new AdaLoraAdapter(8, 6, 3, alpha: 4, generator: new Generator(2));
        using (no_grad()) adapter.E.copy_(tensor(new float[] { 1f, -2f, 0.5f }).view(3, 1));
        var x = randn(2, 5, 8);                                                  // (B, T, in)
        var delta = adapter.Delta(x);                                            // (B, T, out)
        Assert.Equal(new long[] { 2, 5, 6 }, delta.shape);
        // ΔW = B · diag(E) · A · α / (r + 1e-5), written out independently.
        var manual = adapter.B.matmul(diag(adapter.E.view(-1))).matmul(adapter.A) * (4 / (3 + 1e-5));
        Assert.True(adapter.DeltaWeight().allclose(manual, rtol: 1e-5, atol: 1e-7));
        Assert.True(delta.allclose(x.matmul(manual.t()), rtol: 1e-4, atol: 1e-6));
    }

    [Fact]
    public void GradientFlowsToAEAndBOnlyNotToTheFrozenBase()
    {
        using var scope = NewDisposeScope();
        var baseWeight = randn(6, 8).requires_grad_(false);                      // (out, in) frozen
        var adapter = new AdaLoraAdapter(8, 6, 4, alpha: 8, generator: new Generator(3));
        using (no_grad()) adapter.E.fill_(0.3);
        var x = randn(4, 8).requires_grad_(false);
        var y = nn.functional.linear(x, baseWeight) + adapter.Delta(x);          // (N, out)
        y.pow(2).sum().backward();
        Assert.Null(baseWeight.grad);
        foreach (var p in new[] { adapter.A, adapter.E, adapter.B })
            Assert.True(p.grad!.abs().sum().item<float>() > 0);
        Assert.Equal(3, adapter.parameters().Count());
    }

    [Fact]
    public void RankMaskZerosLambdaAndRemovesThoseTriplets()
    {
        using var scope = NewDisposeScope();
        var adapter = new AdaLoraAdapter(8, 6, 4, alpha: 8, generator: new Generator(4));
        using (no_grad()) adapter.E.copy_(tensor(new float[] { 1f, 2f, 3f, 4f }).view(4, 1));
        adapter.ApplyRankMask(new[] { true, false, true, false });
        Assert.Equal(new[] { 1f, 0f, 3f, 0f }, adapter.E.data<float>().ToArray());
        Assert.Equal(2, adapter.Rank);
        Assert.Equal(4, adapter.InitialRank);
        // Only triplets 0 and 2 contribute: ΔW = Σ_i∈{0,2} λ_i · b_i a_iᵀ · scaling.
        var keep = tensor(new long[] { 0, 2 });
        var manual = adapter.B.index_select(1, keep).matmul(
            adapter.A.index_select(0, keep) * tensor(new float[] { 1f, 3f }).view(2, 1)) * adapter.Scaling;
        Assert.True(adapter.DeltaWeight().allclose(manual, rtol: 1e-5, atol: 1e-7));
        using (no_grad()) adapter.E.fill_(5);
        adapter.ReapplyRankMask();
        Assert.Equal(new[] { 5f, 0f, 5f, 0f }, adapter.E.data<float>().ToArray());
    }

    [Fact]
    public void DropoutActsOnlyInTrainingMode()
    {
        using var scope = NewDisposeScope();
        var adapter = new AdaLoraAdapter(64, 6, 4, alpha: 8, dropout: 0.5, generator: new Generator(5));
        using (no_grad()) adapter.E.fill_(1);
        var x = randn(16, 64);
        adapter.eval();
        var expected = x.matmul(adapter.DeltaWeight().t());
        Assert.True(adapter.Delta(x).allclose(expected, rtol: 1e-4, atol: 1e-6));
        adapter.train();
        Assert.False(adapter.Delta(x).allclose(expected, rtol: 1e-4, atol: 1e-6));
    }
}
