using Sweep.Training.Adapters.AdaLora;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Adapters.AdaLora;

[Collection(GlobalTorchRandom.Name)]
[Category(Category.Unit)]
public sealed class RankAllocatorTests
{
    private const int Modules = 4;
    private const int InitRank = 6;
    private const int TargetRank = 2;
    private const int Tinit = 4;
    private const int Tfinal = 6;
    private const int Total = 40;
    private const int DeltaT = 3;

    [Fact]
    public void SyntheticTrainingEndsAtTheTargetBudgetWithMaskedLambdaAtZero()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(11);
        var adapters = Enumerable.Range(0, Modules)
            .Select(_ => new AdaLoraAdapter(16, 12, InitRank, alpha: 8, generator: gen)).ToArray();
        var named = adapters.Select((a, i) => ($"layer.{i}.dense", a)).ToArray();
        // Teachers of different rank per module (4, 1, 2, 3): the allocator has something to tell apart.
        var teachers = new[] { 4, 1, 2, 3 }
            .Select(r => randn(new long[] { 12, r }, generator: gen).matmul(randn(new long[] { r, 16 }, generator: gen)))
            .ToArray();                                                                     // (out, in) each
        var inputs = Enumerable.Range(0, Modules).Select(_ => randn(new long[] { 32, 16 }, generator: gen)).ToArray();
        var targets = inputs.Zip(teachers, (x, w) => x.matmul(w.t())).ToArray();           // (N, out)

        using var allocator = new RankAllocator(named, RankAllocator.TargetBudgetFor(Modules, TargetRank),
            Tinit, Tfinal, Total, DeltaT);
        var regularizer = new OrthogonalRegularizer();
        var optimizer = optim.Adam(adapters.SelectMany(a => a.parameters()), lr: 0.01);

        for (var step = 0; step <= Total; step++)
        {
            using var stepScope = NewDisposeScope();
            var loss = regularizer.Loss(adapters);
            for (var m = 0; m < Modules; m++)
                loss += nn.functional.mse_loss(adapters[m].Delta(inputs[m]), targets[m]);
            loss.backward();
            optimizer.step();
            allocator.Update(step);
            optimizer.zero_grad();
        }

        var budget = Modules * TargetRank;
        var final = allocator.History.Single(h => h.Final && h.Masked);
        Assert.Equal(Total - Tfinal, final.Step);
        Assert.Equal(budget, final.Budget);
        Assert.Equal(budget + final.KeptBeyondBudget, allocator.KeptTriplets);
        Assert.Equal(final.KeptBeyondBudget > 0, final.TiedAtThreshold > 0);
        Assert.True(allocator.IsFinal);

        // Every masked Λ is exactly zero after the last update, kept ones are not.
        foreach (var (name, keep) in allocator.RankPattern)
        {
            var e = named.Single(n => n.Item1 == name).a.E.data<float>().ToArray();
            for (var i = 0; i < InitRank; i++)
                if (!keep[i]) Assert.Equal(0f, e[i]);
                else Assert.NotEqual(0f, e[i]);
        }
        Assert.Equal(allocator.KeptTriplets, allocator.Ranks.Values.Sum());

        // The recorded budget curve is the schedule's, and masking happened at its mask steps before the end.
        foreach (var h in allocator.History.Where(h => h.Step < Total - Tfinal))
        {
            Assert.Equal(allocator.Schedule.At(h.Step), new BudgetPoint(h.Budget, h.Masked));
            if (h.Masked) Assert.Equal(h.Budget + h.KeptBeyondBudget, h.Kept);
        }
        Assert.Contains(allocator.History, h => h.Masked && !h.Final);
        Assert.Equal(Enumerable.Range(0, Total + 1), allocator.BudgetCurve.Select(p => p.Step));
        Assert.Equal(Modules * InitRank, allocator.BudgetCurve[0].Budget);
        Assert.Equal(budget, allocator.BudgetCurve[^1].Budget);
    }

    [Fact]
    public void TripletScoreIsLambdaScorePlusMeanRowAndColumnScores()
    {
        // One update from zero state with β = 0.85: Ī = 0.15·I, Ū = 0.15·|I − 0.15·I| = 0.1275·I,
        // so every entry score is 0.019125·I², I = |p·∇p|.
        using var scope = NewDisposeScope();
        var adapter = new AdaLoraAdapter(5, 3, 2, alpha: 2, generator: new Generator(12));
        using (no_grad()) adapter.E.copy_(tensor(new float[] { 0.5f, -1f }).view(2, 1));
        adapter.Delta(randn(new long[] { 4, 5 }, generator: new Generator(13))).pow(2).sum().backward();
        using var allocator = new RankAllocator(new[] { ("m", adapter) }, 1, tinit: 5, tfinal: 2, totalStep: 20, deltaT: 1);
        allocator.Update(1);
        var c = 0.15 * 0.1275;
        var iA = (adapter.A * adapter.A.grad!).abs();                              // (r, in)
        var iE = (adapter.E * adapter.E.grad!).abs();                              // (r, 1)
        var iB = (adapter.B * adapter.B.grad!).abs();                              // (out, r)
        var expected = (iE.pow(2).view(-1) + iA.pow(2).mean(new long[] { 1 }) + iB.pow(2).mean(new long[] { 0 })) * c;
        var scores = allocator.TripletScores()[0];
        var exp = expected.data<float>().ToArray();
        for (var i = 0; i < 2; i++) Assert.Equal(exp[i], scores[i], 6);
    }

    [Fact]
    public void RejectsDuplicateModulesAndTargetsAtOrAboveTheInitialBudget()
    {
        var a = new AdaLoraAdapter(4, 4, 2, alpha: 2);
        Assert.Throws<InvalidInputException>(() => new RankAllocator(new[] { ("x", a), ("x", a) }, 1, 1, 1, 10, 1));
        Assert.Throws<InvalidInputException>(() => new RankAllocator(new[] { ("x", a) }, 2, 1, 1, 10, 1));
    }
}
