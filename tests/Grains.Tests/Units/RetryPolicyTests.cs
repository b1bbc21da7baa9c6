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

    [Fact]
    public void A_native_allocation_failure_fails_once_with_its_first_line_and_no_backtrace()
    {
        var native = new System.Runtime.InteropServices.ExternalException(
            "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes.\n" +
            "Exception raised from alloc_cpu at ../c10/core/impl/alloc_cpu.cpp:117 (most recent call first):\nframe #0: c10::Error::Error() + 0x1");
        var d = _policy.Decide(1, native);
        Assert.False(d.Retry);
        Assert.StartsWith("cannot run: the trial needs more memory than this machine has", d.Reason);
        Assert.Contains("you tried to allocate 4000000000000 bytes", d.Reason);
        Assert.DoesNotContain("frame #0", d.Reason);
    }

    [Fact]
    public void Other_native_errors_are_retried_with_their_first_line()
    {
        var d = _policy.Decide(1, new System.Runtime.InteropServices.ExternalException("CUDA error: unspecified launch failure\nframe #0: x"));
        Assert.True(d.Retry);
        Assert.Equal("ExternalException: CUDA error: unspecified launch failure", d.Reason);
    }
}
