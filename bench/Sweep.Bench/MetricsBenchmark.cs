using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Bench.Timing;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Bench;

/// <summary>
/// The /metrics endpoint under load, on one in-process silo (role all, simulated trials) with its HTTP endpoints on:
/// scrape time and series count while idle (the reference), then during and after a small sweep (a tenth of the trials)
/// and a large one (N trials, two presets so the analysis publishes p-values and verdicts). Scrapes follow each other every
/// 250 ms. The series count must not grow with the trials: the small and the large sweep leave about the same number.
/// </summary>
public sealed class MetricsBenchmark(int trials, int slots)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private const double BudgetMs = 100;

    public async Task RunAsync(TextWriter output)
    {
        var port = FreePort();
        // checkpoints of its own: a second run of the same specs would otherwise resume finished trials
        var data = Directory.CreateTempSubdirectory("sweep-bench-metrics-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddSweepSilo(o =>
        {
            o.Accelerator = AcceleratorChoice.Cpu;
            o.Slots = slots;
            o.DeviceMemory = "8GiB";
            o.Executor = TrialExecutorKind.Simulated;
            o.SimulatedStep = TimeSpan.FromMilliseconds(5);
            o.PumpInterval = o.ProgressInterval = TimeSpan.FromSeconds(0.2);
            o.SiloPort = FreePort();
            o.GatewayPort = FreePort();
            o.HttpPort = port;
            o.ClusterId = $"metrics-bench-{Environment.ProcessId}";
            o.DataPath = data;
        });
        using var host = builder.Build();
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var client = host.Services.GetRequiredService<IClusterClient>();
        output.WriteLine($"metrics benchmark: {trials} simulated trials (10 steps × 5 ms) on 1 silo × {slots} slots; a scrape every {Interval.TotalMilliseconds:0} ms");

        await Scrape(http); // first scrape: JIT, instrument creation
        var idle = new List<Sample>();
        for (var i = 0; i < 20; i++) { idle.Add(await Scrape(http)); await Task.Delay(Interval); }
        Print(output, "idle (reference)", idle, null);

        var small = await SweepWhileScraping(http, client, Spec("metrics-small", Math.Max(2, trials / 10)));
        Print(output, $"during a {Math.Max(2, trials / 10)}-trial sweep", small.During, idle);
        var smallAfter = await Scrape(http);
        var large = await SweepWhileScraping(http, client, Spec("metrics-large", trials));
        Print(output, $"during a {trials}-trial sweep", large.During, idle);
        var largeAfter = await Scrape(http);
        output.WriteLine($"  series after the small sweep: {smallAfter.Series} ({smallAfter.SweepSeries} sweep_); after the large one: {largeAfter.Series} ({largeAfter.SweepSeries} sweep_); " +
            $"idle {idle[^1].Series} ({idle[^1].SweepSeries} sweep_)");
        output.WriteLine($"  large sweep: {large.Wall.TotalSeconds:0.0} s; slowest scrape {large.During.Max(s => s.Milliseconds):0.0} ms " +
            $"({(large.During.Max(s => s.Milliseconds) < BudgetMs ? "within" : "OVER")} the {BudgetMs:0} ms budget)");
        await host.StopAsync();
        Directory.Delete(data, recursive: true);
    }

    private sealed record Sample(double Milliseconds, int Series, int SweepSeries);

    private static async Task<Sample> Scrape(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        var text = await http.GetStringAsync("/metrics");
        var ms = clock.Elapsed.TotalMilliseconds;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        return new Sample(ms, lines.Count, lines.Count(l => l.StartsWith("sweep_", StringComparison.Ordinal)));
    }

    private static async Task<(List<Sample> During, TimeSpan Wall)> SweepWhileScraping(HttpClient http, IClusterClient client, SweepSpec spec)
    {
        var grain = client.GetGrain<IExperimentGrain>(ExperimentIds.For(spec));
        var clock = Stopwatch.StartNew();
        await grain.Submit(spec);
        var during = new List<Sample>();
        while (!(await grain.GetCounts()).IsFinished)
        {
            during.Add(await Scrape(http));
            await Task.Delay(Interval);
        }
        var wall = clock.Elapsed;
        // the analysis of the last comparison arrives shortly after the end: scrape until its verdicts are published
        var verdicts = $"experiment=\"{grain.GetPrimaryKeyString()}\"";
        for (var i = 0; i < 40 && !(await http.GetStringAsync("/metrics")).Split('\n').Any(l => l.StartsWith("sweep_claim_verdict", StringComparison.Ordinal) && l.Contains(verdicts)); i++)
            await Task.Delay(Interval);
        during.Add(await Scrape(http));
        return (during, wall);
    }

    private static void Print(TextWriter output, string phase, List<Sample> samples, List<Sample>? reference)
    {
        var ms = SampleSummary.Of(samples.Select(s => s.Milliseconds));
        var ratio = reference is null ? "" : $"; median {ms.Median / SampleSummary.Of(reference.Select(s => s.Milliseconds)).Median:0.00}× idle";
        output.WriteLine($"  {phase}: {samples.Count} scrapes, {ms.Format("F1", " ms")}, p95 {SampleSummary.Quantile(samples.Select(s => s.Milliseconds).Order().ToList(), 0.95):0.0} ms{ratio}; " +
            $"series {samples.Min(s => s.Series)}–{samples.Max(s => s.Series)} ({samples.Max(s => s.SweepSeries)} sweep_ at most)");
    }

    private static SweepSpec Spec(string name, int n) => new()
    {
        Name = name,
        Tasks = [new TaskSpec { Name = "t", Model = "sim", Data = "toy-sentiment" }],
        Presets = ["B-FP", "B-Q4"],
        Seeds = Enumerable.Range(1, (n + 1) / 2).ToList(),
        Training = new TrainingOverrides { MaxSteps = 10 },
        Concurrency = 64,
        CheckpointEvery = 5,
    };

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
