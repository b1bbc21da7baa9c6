using Sweep.Grains.Trials;
using Sweep.Training;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class RetryPolicyTests
{
    private readonly RetryPolicy _policy = new(Retries: 3, BaseDelay: TimeSpan.FromSeconds(2), MaxDelay: TimeSpan.FromSeconds(5));

    [Fact]
    public void Backoff_doubles_then_caps()
    {
        var delays = Enumerable.Range(1, 3).Select(a => _policy.Decide(a, new IOException("disk")).Delay.TotalSeconds);
        Assert.Equal([2.0, 4.0, 5.0], delays);
    }

    [Fact]
    public void Gives_up_after_the_retries_with_the_reason()
    {
        var d = _policy.Decide(4, new IOException("disk full"));
        Assert.False(d.Retry);
        Assert.Equal("IOException: disk full (after 4 attempts)", d.Reason);
    }

    [Fact]
    public void Bad_input_is_never_retried()
    {
        var d = _policy.Decide(1, new InvalidInputException("data 'sst2:/x': directory '/x' does not exist"));
        Assert.False(d.Retry);
        Assert.Contains("does not exist", d.Reason);
    }
}
