using System.Diagnostics;
using Sweep.Client.Cli;

namespace Sweep.Client.Tests;

[Category(Category.Unit)]
public sealed class SweepSizeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("sweep-size");

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new SweepApp(stdout, stderr).RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A spec of tasks × presets × ranks × seeds trials (built-in model and data, so it is otherwise valid).</summary>
    private string Write(int tasks, string presets, int ranks, int seeds)
    {
        var path = Path.Combine(_dir.Path, $"{Guid.NewGuid():N}.yaml");
        var taskLines = string.Concat(Enumerable.Range(1, tasks).Select(i => $"\n  - {{ name: t{i}, model: tiny-bert, data: toy-sentiment }}"));
        File.WriteAllText(path, $"name: big\ntasks:{taskLines}\npresets: [{presets}]\n" +
            $"ranks: [{string.Join(", ", Enumerable.Range(1, ranks))}]\nseeds: [{string.Join(", ", Enumerable.Range(1, seeds))}]\nconcurrency: 4\n");
        return path;
    }

    [Fact]
    public async Task Tens_of_millions_of_trials_are_refused_at_once_naming_count_limit_and_option()
    {
        var path = Write(60, "B-FP, B-Q4, B-Ada", 60, 5_000); // 60 × (60 + 60 + 1) × 5,000: every list within its own limit
        var clock = Stopwatch.StartNew();
        var (code, _, err) = await Run("validate", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("36,300,000 trials", err);
        Assert.Contains("limit of 100,000", err);
        Assert.Contains("--max-trials", err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_large_sweep_validates_with_a_warning_of_its_count_and_wall_time()
    {
        var (code, stdout, err) = await Run("validate", Write(2, "B-FP, B-Q4", 3, 500)); // 6,000 trials
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("6000 trials", stdout);
        Assert.Contains("warning:", err);
        Assert.Contains("6,000 trials", err);
        Assert.Contains("concurrency 4 they take about 25 hours", err); // 1,500 rounds of 4 trials × 60 s
    }

    [Fact]
    public async Task A_small_sweep_validates_without_a_warning()
    {
        var (code, _, err) = await Run("validate", Write(1, "B-FP", 1, 3));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", err);
    }

    [Fact]
    public async Task Max_trials_lowers_and_raises_the_limit_within_its_ceiling()
    {
        var path = Write(1, "B-FP, B-Q4", 2, 30); // 120 trials
        var (lowered, _, err) = await Run("validate", path, "--max-trials", "100");
        Assert.Equal(ExitCodes.BadInput, lowered);
        Assert.Contains("120 trials, over the limit of 100", err);
        Assert.Equal(ExitCodes.Ok, (await Run("validate", path, "--max-trials", "120")).Code);
        var (beyond, _, err2) = await Run("validate", path, "--max-trials", "2000000");
        Assert.Equal(ExitCodes.BadInput, beyond);
        Assert.Contains("--max-trials: 2000000 is outside 1..1,000,000", err2);
    }

    [Fact]
    public async Task Run_and_submit_refuse_an_oversized_sweep_before_connecting()
    {
        var path = Write(1, "B-FP, B-Q4", 10, 6_000); // 120,000 trials
        var (run, _, err) = await Run("run", path, "--simulate", "--out", Path.Combine(_dir.Path, "out"));
        Assert.Equal(ExitCodes.BadInput, run);
        Assert.Contains("120,000 trials", err);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out", ".sweep")), "no silo was started");
        var (submit, _, err2) = await Run("submit", path, "--cluster", "127.0.0.1:1");
        Assert.Equal(ExitCodes.BadInput, submit);
        Assert.Contains("120,000 trials", err2);
    }
}
