using Sweep.Client.Cli;

namespace Sweep.Dashboard.Tests;

/// <summary><c>sweep run --dashboard</c>: the dashboard is hosted in the console process for the embedded silo and its URL printed.</summary>
[Category(Category.Cluster)]
public sealed class RunWithDashboardTests : IDisposable
{
    private readonly TempDirectory _dir = new("run-dashboard");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_prints_the_dashboard_url_and_finishes()
    {
        var spec = _dir.Write("s.yaml", """
            name: run-dashboard
            tasks:
              - { name: t, model: tiny-bert, data: toy-sentiment }
            presets: [B-FP]
            seeds: [1, 2]
            training: { max_steps: 3 }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await new SweepApp(stdout, stderr).RunAsync(["run", spec, "--out", _dir.File("out"), "--simulate", "--dashboard", "--dashboard-port", "0"], CancellationToken.None);

        Assert.True(code == ExitCodes.Ok, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Matches(@"dashboard: http://localhost:\d+ \(read-only; set Dashboard__CancelToken", stdout.ToString());
        Assert.True(File.Exists(_dir.File("out/results.json")));
    }

    [Fact]
    public async Task A_dashboard_port_without_the_dashboard_is_bad_input()
    {
        var spec = _dir.Write("s.yaml", "name: x\ntasks: [{ name: t, model: tiny-bert, data: toy-sentiment }]\npresets: [B-FP]\nseeds: [1]\n");
        var stderr = new StringWriter();
        var code = await new SweepApp(new StringWriter(), stderr).RunAsync(["run", spec, "--dashboard-port", "5090"], CancellationToken.None);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--dashboard-port applies with --dashboard only", stderr.ToString());
    }
}
