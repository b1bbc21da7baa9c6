using System.Diagnostics;
using System.Text.Json;

namespace Sweep.Client.Tests.Process;

/// <summary>
/// <c>sweep run</c> in a real process: SIGTERM cancels the sweep as Ctrl-C does (what was kept is written and said,
/// exit 1); a second signal stops the process at once with exit 130.
/// </summary>
[Category(Category.Cluster)]
public sealed class SignalTests : IDisposable
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new("signal");

    public void Dispose() => _dir.Dispose();

    private string LongSpec() => _dir.Write("long.yaml", """
        name: long
        tasks: [{ name: t, model: tiny-bert, data: toy-sentiment }]
        presets: [B-FP, B-Q4]
        seeds: [1, 2, 3]
        training: { max_steps: 1000000 }
        concurrency: 2
        """);

    [UnixFact("POSIX signals")]
    public async Task Sigterm_cancels_the_sweep_cleanly_and_says_what_was_kept()
    {
        var outDir = _dir.File("out");
        using var sweep = ConsoleProcess.Start(_dir.Path, null, "run", LongSpec(), "--out", outDir, "--simulate");
        Assert.True(await sweep.WaitForOutput("running", Start), $"never started\n{sweep.Out}\n{sweep.Err}");

        sweep.Signal(ConsoleProcess.SigTerm);
        var code = await sweep.Exit(TimeSpan.FromSeconds(90));

        Assert.True(code == 1, $"exit {code}\n{sweep.Err}");
        Assert.Contains("SIGTERM: cancelling", sweep.Err);
        Assert.Contains("cancelled after", sweep.Err);
        Assert.Contains("6 trial(s) cancelled", sweep.Err);
        Assert.Contains($"in {outDir}", sweep.Err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Equal("Cancelled", json.RootElement.GetProperty("experiment").GetProperty("state").GetString());
        Assert.DoesNotContain("Exception", sweep.Err);
    }

    [UnixFact("POSIX signals")]
    public async Task A_second_signal_stops_at_once_with_exit_130()
    {
        var outDir = _dir.File("out");
        using var sweep = ConsoleProcess.Start(_dir.Path, null, "run", LongSpec(), "--out", outDir, "--simulate");
        Assert.True(await sweep.WaitForOutput("running", Start), $"never started\n{sweep.Out}\n{sweep.Err}");

        sweep.Signal(ConsoleProcess.SigTerm);
        var clock = Stopwatch.StartNew();
        while (!sweep.Err.Contains("cancelling", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        // SIGTERM again, not Ctrl-C: a test run started in the background by a shell without job control inherits SIGINT
        // ignored, and an ignored SIGINT stays ignored in the console it starts (the handler is the same for both).
        sweep.Signal(ConsoleProcess.SigTerm);
        var code = await sweep.Exit(TimeSpan.FromSeconds(30));

        Assert.True(code == 130, $"exit {code}\n{sweep.Err}");
        Assert.Contains("again: stopping at once (exit 130)", sweep.Err);
        Assert.DoesNotContain("cancelled after", sweep.Err); // it did not wait for the orderly cancellation
    }
}
