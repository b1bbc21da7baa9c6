using Sweep.Training.Adapters.AdaLora;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Adapters.AdaLora;

[Collection(GlobalTorchRandom.Name)]
[Category(Category.Unit)]
public sealed class OrthogonalRegularizerTests
{
    [Fact]
    public void IsZeroWithFiniteGradientsForOrthonormalPAndQ()
    {
        using var scope = NewDisposeScope();
        var adapters = new[] { Orthonormal(24, 20, 4, 1), Orthonormal(10, 16, 3, 2) };
        var penalty = OrthogonalRegularizer.Penalty(adapters);
        Assert.Equal(0.0, penalty.item<float>(), 5);
        penalty.backward();
        foreach (var a in adapters)
        {
            Assert.True(a.A.grad!.isfinite().all().item<bool>());
            Assert.True(a.B.grad!.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void IsTheMeanOfUnsquaredFrobeniusNormsOverPAndQ()
    {
        // One adapter, r = 4, Q = 2·(orthonormal rows): QQᵀ − I = 3I, ‖3I‖_F = 3·√4 = 6; P orthonormal: 0.
        // PEFT divides by the number of matrices (P and Q): (6 + 0) / 2 = 3; weighted 0.5 → 1.5.
        using var scope = NewDisposeScope();
        var adapter = Orthonormal(30, 20, 4, 3);
        using (no_grad()) adapter.A.mul_(2);
        Assert.Equal(3.0, OrthogonalRegularizer.Penalty(new[] { adapter }).item<float>(), 4);
        Assert.Equal(1.5, new OrthogonalRegularizer().Loss(new[] { adapter }).item<float>(), 4);
    }

    [Fact]
    public void RejectsANegativeWeight() =>
        Assert.Throws<InvalidInputException>(() => new OrthogonalRegularizer(-0.1));

    private static AdaLoraAdapter Orthonormal(long inFeatures, long outFeatures, int rank, int seed)
    {
        var adapter = new AdaLoraAdapter(inFeatures, outFeatures, rank, alpha: 8);
        var gen = new Generator((ulong)seed);
        using (no_grad())
        {
            var (qIn, _) = linalg.qr(randn(new long[] { inFeatures, rank }, generator: gen));   // (in, r) orthonormal columns
            var (qOut, _) = linalg.qr(randn(new long[] { outFeatures, rank }, generator: gen)); // (out, r)
            adapter.A.copy_(qIn.t());
            adapter.B.copy_(qOut);
        }
        return adapter;
    }
}
