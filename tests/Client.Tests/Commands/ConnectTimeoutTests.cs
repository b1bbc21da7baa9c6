using Sweep.Client.Cluster;
using Sweep.Training;

namespace Sweep.Client.Tests.Commands;

/// <summary>The connect timeout: the option when given, within bounds; otherwise the default (the environment is tested in a child process).</summary>
[Category(Category.Unit)]
public sealed class ConnectTimeoutTests
{
    [Fact]
    public void The_option_wins_over_the_default()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), ConnectTimeout.Resolve(2.5));
        // The environment variable is checked on a child process (UnreachableClusterTests); the 15 s default is not waited out.
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e9)]
    public void Timeouts_that_are_not_positive_or_too_long_are_bad_input(double seconds)
    {
        var e = Assert.Throws<InvalidInputException>(() => ConnectTimeout.Resolve(seconds));

        Assert.StartsWith("--connect-timeout: must be > 0 and <= 3600 seconds", e.Message);
    }
}
