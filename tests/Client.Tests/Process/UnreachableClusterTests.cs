using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sweep.Client.Tests.Process;

/// <summary>
/// A cluster address where nothing listens: the console gives up within the connect timeout (option or environment),
/// says what it tried, and exits 1; an interrupt while connecting says "cancelled", not an exception's name.
/// </summary>
[Category(Category.Cluster)]
public sealed class UnreachableClusterTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new("unreachable");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task List_gives_up_within_the_connect_timeout_and_says_what_was_tried()
    {
        var address = $"127.0.0.1:{FreePort()}";
        var clock = Stopwatch.StartNew();
        using var sweep = ConsoleProcess.Start(_dir.Path, null, "list", "--cluster", address, "--connect-timeout", "3");

        var code = await sweep.Exit(Bound);

        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        Assert.True(code == 1, $"exit {code}\n{sweep.Err}");
        Assert.Contains($"cannot reach the cluster at {address}: tried {address}", sweep.Err);
        Assert.Contains("(connect timeout 3 s;", sweep.Err);
        Assert.DoesNotContain("Exception", sweep.Err);
    }

    [Fact]
    public async Task The_environment_sets_the_connect_timeout()
    {
        var address = $"127.0.0.1:{FreePort()}";
        var clock = Stopwatch.StartNew();
        using var sweep = ConsoleProcess.Start(_dir.Path, new Dictionary<string, string> { ["SWEEP_CONNECT_TIMEOUT"] = "2" },
            "status", "some-experiment", "--cluster", address);

        var code = await sweep.Exit(Bound);

        Assert.True(code == 1, $"exit {code}\n{sweep.Err}");
        Assert.Contains("(connect timeout 2 s;", sweep.Err);
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
    }

    [UnixFact("POSIX signals")]
    public async Task An_interrupt_while_connecting_says_cancelled()
    {
        using var sweep = ConsoleProcess.Start(_dir.Path, null, "list", "--cluster", $"127.0.0.1:{FreePort()}", "--connect-timeout", "60");
        Assert.True(await sweep.WaitForError("retrying for up to 60 s", Bound), $"no retry notice\n{sweep.Err}");

        sweep.Signal(ConsoleProcess.SigTerm);
        var code = await sweep.Exit(Bound);

        Assert.True(code == 1, $"exit {code}\n{sweep.Err}");
        Assert.Contains("cancelled", sweep.Err);
        Assert.DoesNotContain("cannot reach the cluster at", sweep.Err); // the give-up message: the interrupt came first
        Assert.DoesNotContain("Exception", sweep.Err);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
