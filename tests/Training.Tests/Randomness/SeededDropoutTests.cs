using Sweep.Training.Randomness;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Randomness;

[Collection(GlobalTorchRandom.Name)] // draws from the global generator on purpose, to show the trial's own is unaffected
[Category(Category.Unit)]
public sealed class SeededDropoutTests
{
    private static float[] Drop(SeededDropout d, TrialRandom.Scope random, long seed)
    {
        random.Seed(seed);
        using var x = ones(4000);
        using var y = d.forward(x);
        return y.data<float>().ToArray();
    }

    [Fact]
    public void The_mask_comes_from_the_trial_generator_alone_and_keeps_the_expected_value()
    {
        using var d = new SeededDropout(0.25);
        d.train();
        using (var random = TrialRandom.Begin(CPU))
        {
            Assert.NotNull(TrialRandom.Current);
            var a = Drop(d, random, 42);
            manual_seed(7);
            using (var _ = rand(1000)) { } // another trial drawing from the process-wide generator meanwhile
            var b = Drop(d, random, 42);
            var c = Drop(d, random, 43);

            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.All(a, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75f) < 1e-6, $"value {v}"));
            Assert.InRange(a.Count(v => v == 0) / 4000.0, 0.22, 0.28); // p = 0.25
            Assert.InRange(a.Average(), 0.95, 1.05); // inverted dropout keeps the mean
        }
        Assert.Null(TrialRandom.Current);
    }

    [Fact]
    public void Eval_mode_and_p_zero_pass_the_input_through()
    {
        using var x = arange(10, dtype: ScalarType.Float32);
        using var d = new SeededDropout(0.5);
        d.eval();
        using var y = d.forward(x);
        Assert.Equal(x.data<float>().ToArray(), y.data<float>().ToArray());
        using var zero = new SeededDropout(0);
        zero.train();
        using var z = zero.forward(x);
        Assert.Equal(x.data<float>().ToArray(), z.data<float>().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeededDropout(1));
    }
}
