using Sweep.Training.Trainer;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Trainer;

/// <summary>The chunked loss against libtorch's own cross-entropy over full logits, differentiated by autograd.</summary>
[Category(Category.Training)]
public sealed class ChunkedLmLossTests
{
    private static (Tensor H, Tensor W, Tensor Y) Inputs(bool trainWeight)
    {
        var g = new Generator(7);
        var h = randn(37, 8, generator: g).requires_grad_(true);                  // (N, C), N not a multiple of the chunk
        var w = randn(50, 8, generator: g).mul(0.5).requires_grad_(trainWeight);  // (V, C)
        var y = randint(0, 50, [37], generator: g);                                // (N)
        return (h, w, y);
    }

    [Theory]
    [InlineData(true, 5)]
    [InlineData(false, 5)]
    [InlineData(true, 256)]
    public void Loss_and_gradients_equal_full_cross_entropy(bool trainWeight, int chunkRows)
    {
        var (h, w, y) = Inputs(trainWeight);
        var reference = nn.functional.cross_entropy(nn.functional.linear(h, w), y);
        reference.backward();
        var refGradH = h.grad!.clone();
        var refGradW = trainWeight ? w.grad!.clone() : null;
        h.grad!.zero_();
        if (trainWeight) w.grad!.zero_();

        var chunked = ChunkedLmLoss.MeanWithGradient(h, w, y, chunkRows);
        Assert.Equal(reference.item<float>(), chunked.item<float>(), 5);
        chunked.backward();
        Assert.True(h.grad!.allclose(refGradH, rtol: 1e-4, atol: 1e-6), $"max |Δ grad h| = {(h.grad! - refGradH).abs().max().item<float>()}");
        if (trainWeight)
            Assert.True(w.grad!.allclose(refGradW!, rtol: 1e-4, atol: 1e-6), $"max |Δ grad W| = {(w.grad! - refGradW!).abs().max().item<float>()}");
        else
            Assert.True(w.grad is null || w.grad.abs().max().item<float>() == 0);
    }

    [Fact]
    public void A_matmul_type_of_its_own_gives_the_same_loss_and_gradients()
    {
        var (h, w, y) = Inputs(true);
        var reference = nn.functional.cross_entropy(nn.functional.linear(h, w), y);
        reference.backward();
        var (refGradH, refGradW) = (h.grad!.clone(), w.grad!.clone());
        h.grad!.zero_();
        w.grad!.zero_();

        var chunked = ChunkedLmLoss.MeanWithGradient(h, w, y, chunkRows: 5, logitsType: ScalarType.Float64);
        Assert.Equal(reference.item<float>(), chunked.item<float>(), 5);
        chunked.backward();
        Assert.True(h.grad!.allclose(refGradH, rtol: 1e-4, atol: 1e-6), $"max |Δ grad h| = {(h.grad! - refGradH).abs().max().item<float>()}");
        Assert.True(w.grad!.allclose(refGradW, rtol: 1e-4, atol: 1e-6), $"max |Δ grad W| = {(w.grad! - refGradW).abs().max().item<float>()}");
        var sum = nn.functional.cross_entropy(nn.functional.linear(h, w), y, reduction: nn.Reduction.Sum).item<float>();
        Assert.Equal(sum, ChunkedLmLoss.Sum(h.detach(), w.detach(), y, chunkRows: 6, logitsType: ScalarType.Float64), 3);
    }

    [Fact]
    public void Sum_equals_summed_cross_entropy()
    {
        var (h, w, y) = Inputs(false);
        var reference = nn.functional.cross_entropy(nn.functional.linear(h, w), y, reduction: nn.Reduction.Sum).item<float>();
        Assert.Equal(reference, ChunkedLmLoss.Sum(h.detach(), w, y, chunkRows: 6), 3);
    }
}
