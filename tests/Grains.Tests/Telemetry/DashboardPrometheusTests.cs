using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Cluster;
using Sweep.Grains.Tests.Workers;
using Sweep.Settings;
using Sweep.TestSupport.Components;
using Xunit.Abstractions;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>
/// The dashboards against real data: three sweep-silo processes (a control silo and two simulated workers, cpu and cuda)
/// serve /metrics, a real Prometheus scrapes them every 2 s while a real sweep runs (a task that trains, one whose
/// data is missing so its trials fail, checkpoints every 5 steps), and then every PromQL expression of every panel of
/// every dashboard, variables substituted, runs through Prometheus' HTTP API and must return data. Trials take 5 s
/// (20 steps × 250 ms), so the gauges of running trials are scraped several times. A renamed metric
/// or a broken expression fails here.
/// </summary>
[Category(Category.Cluster)]
public sealed class DashboardPrometheusTests(ITestOutputHelper output)
{
    // Scrapes of a loaded 2-core machine can take over a second: every 2 s, each with 2 s to answer.
    private static readonly TimeSpan Scrape = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_panel_query_of_every_dashboard_returns_data_from_a_real_sweep()
    {
        var began = DateTimeOffset.UtcNow;
        var ports = FreePorts.Take(9);
        var cluster = $"metrics-{Guid.NewGuid():N}"[..20];
        using var data = new TempDirectory("dashboards"); // its own checkpoints: the same spec run again would resume finished trials
        var common = new Dictionary<string, string>
        {
            ["DataPath"] = data.Path, ["ClusterId"] = cluster, ["ServiceId"] = cluster, ["Executor"] = "Simulated", ["SimulatedStep"] = "00:00:00.250",
            ["PumpInterval"] = "00:00:00.200", ["ProgressInterval"] = "00:00:00.200", ["RetryBase"] = "00:00:00.050", ["RetryMax"] = "00:00:00.200",
        };
        Dictionary<string, string> With(params (string Key, string Value)[] more)
        {
            var d = new Dictionary<string, string>(common);
            foreach (var (k, v) in more) d[k] = v;
            return d;
        }
        var primary = $"127.0.0.1:{ports[0]}";
        await using var control = SiloProcess.Start("control", ports[2], With(("Role", "Control"), ("SiloPort", $"{ports[0]}"), ("GatewayPort", $"{ports[1]}")));
        await using var cpu = SiloProcess.Start("cpu", ports[5], With(("Role", "Worker"), ("Accelerator", "Cpu"), ("Slots", "2"), ("DeviceMemory", "8GiB"),
            ("SiloPort", $"{ports[3]}"), ("GatewayPort", $"{ports[4]}"), ("Primary", primary)));
        await using var cuda = SiloProcess.Start("cuda", ports[8], With(("Role", "Worker"), ("Accelerator", "Cuda"), ("Slots", "1"), ("DeviceMemory", "16GiB"),
            ("SiloPort", $"{ports[6]}"), ("GatewayPort", $"{ports[7]}"), ("Primary", primary)));
        SiloProcess[] silos = [control, cpu, cuda];
        await using var prometheus = await PrometheusServer.StartNewAsync(silos.Select(s => s.HttpTarget), Scrape);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var silo in silos)
        {
            await silo.WaitReadyAsync(http, TimeSpan.FromSeconds(120));
            Assert.Equal(HttpStatusCode.OK, (await silo.GetAsync(http, "/healthz"))?.Status);
        }

        using var client = await ConnectAsync(ports[1], cluster);
        await using var stopClient = new StopOnDispose(client);
        var grainFactory = client.Services.GetRequiredService<IClusterClient>();
        await Eventually.Until(() => grainFactory.GetGrain<IExperimentRegistryGrain>(0).Workers(), w => w.Count == 2, TimeSpan.FromSeconds(60), "both workers to join");
        var spec = Specs.Make("dashboards", seeds: 3, ["B-FP", "B-Q4"], steps: 20, concurrency: 3, checkpointEvery: 5) with
        {
            Tasks = [new TaskSpec { Name = "t", Model = "sim", Data = "toy-sentiment" }, new TaskSpec { Name = "broken", Model = "sim", Data = "sst2:/nonexistent/sweep-metrics-test" }],
        };
        var (grain, _) = await Specs.Submit(grainFactory, spec);
        var status = await Specs.Finished(grain, seconds: 180);
        Assert.Equal(6, status.Count(TrialState.Completed));
        Assert.Equal(6, status.Count(TrialState.Failed));

        // Wait until Prometheus holds the analysis (published after the last results) and a few scrapes after the end.
        await Eventually.Until(() => prometheus.QueryAsync($"sweep_claim_verdict{{experiment=\"{status.Id}\"}}", DateTimeOffset.UtcNow),
            r => r.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "Prometheus to scrape the verdicts");
        await Task.Delay(3 * Scrape);
        var end = DateTimeOffset.UtcNow;

        var targets = await prometheus.TargetsAsync();
        Assert.All(targets, t => Assert.True(t.Health == "up", $"{t.Url}: {t.Health} {t.Error}"));

        var window = end - began;
        var values = new Dictionary<string, string>
        {
            ["experiment"] = status.Id, ["accelerator"] = ".*", ["silo"] = ".*",
            ["__rate_interval"] = "10s", ["__interval"] = "2s", ["__range"] = $"{(int)Math.Ceiling(window.TotalSeconds)}s",
        };
        var root = DotnetCli.RepositoryRoot();
        var failures = new List<string>();
        var checkedQueries = 0;
        foreach (var (file, dashboard) in GrafanaDashboards.Load(root))
        {
            foreach (var (name, query) in GrafanaDashboards.Variables(dashboard))
            {
                var match = GrafanaDashboards.Substitute(query, values).Replace("label_values(", "")[..^1];
                var selector = match[..match.LastIndexOf(',')].Trim();
                var label = match[(match.LastIndexOf(',') + 1)..].Trim();
                var options = await prometheus.LabelValuesAsync(label, selector);
                output.WriteLine($"{file} ${name}: {string.Join(", ", options)}");
                if (options.Count == 0) failures.Add($"{file} variable ${name} ({query}) offers no value");
                if (name == "experiment" && !options.Contains(status.Id)) failures.Add($"{file} variable $experiment does not offer {status.Id}");
            }
            foreach (var q in GrafanaDashboards.Queries(file, dashboard))
            {
                var expr = GrafanaDashboards.Substitute(q.Expr, values);
                var result = q.Instant ? await prometheus.QueryAsync(expr, end) : await prometheus.QueryRangeAsync(expr, began, end, Scrape);
                checkedQueries++;
                output.WriteLine($"{file} '{q.Panel}' {q.RefId}: {result.GetArrayLength()} series  {expr}");
                if (result.GetArrayLength() == 0) failures.Add($"{file} panel '{q.Panel}' query {q.RefId} returned no data: {expr}");
            }
        }
        Assert.True(checkedQueries >= 20, $"only {checkedQueries} queries found");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + $"\ncontrol silo output: {control.Output}");
    }

    private static async Task<IHost> ConnectAsync(int gatewayPort, string cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(c =>
        {
            c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            c.Configure<ClusterOptions>(o => { o.ClusterId = cluster; o.ServiceId = cluster; });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>Stops a host before it is disposed (a client disposed while connected logs errors from its closing connections).</summary>
internal sealed class StopOnDispose(IHost host) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await host.StopAsync(TimeSpan.FromSeconds(10));
}
