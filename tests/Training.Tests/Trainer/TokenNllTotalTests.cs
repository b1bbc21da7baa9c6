using Sweep.Training.Trainer;

namespace Sweep.Training.Tests.Trainer;

[Category(Category.Unit)]
public sealed class TokenNllTotalTests
{
    [Fact]
    public void Perplexity_weighs_every_token_equally_across_batches_of_different_sizes()
    {
        // batch 1: 3 tokens with NLL 2 each (sum 6); batch 2: 1 token with NLL 1.
        var total = new TokenNllTotal();
        total.Add(6.0, 3);
        total.Add(1.0, 1);
        Assert.Equal(4, total.Tokens);
        Assert.Equal(1.75, total.MeanNll, 12);                    // 7 / 4
        Assert.Equal(5.754602676005731, total.Perplexity, 12);    // e^1.75
        // the mean of per-batch perplexities, (e² + e¹) / 2 = 5.0536…, is what this must not be
        Assert.NotEqual((Math.Exp(2) + Math.Exp(1)) / 2, total.Perplexity, 3);
    }

    [Fact]
    public void Uniform_guessing_over_a_vocabulary_gives_its_size()
    {
        var total = new TokenNllTotal();
        total.Add(10 * Math.Log(50257), 10);
        Assert.Equal(50257, total.Perplexity, 6);
    }

    [Fact]
    public void Empty_is_nan_and_negative_counts_are_refused()
    {
        Assert.True(double.IsNaN(new TokenNllTotal().Perplexity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenNllTotal().Add(1, -1));
    }
}
