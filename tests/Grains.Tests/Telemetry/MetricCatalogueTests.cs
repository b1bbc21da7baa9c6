using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Sweep.Analysis;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Telemetry;
using Sweep.Grains.Tests.Workers;
using Sweep.Settings;
using Sweep.TestSupport.Components;
using Xunit.Abstractions;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>
/// docs/metrics.md against what the silo's /metrics endpoint really exports: every Sweep instrument is recorded once, the
/// endpoint (the real Kestrel server and OpenTelemetry Prometheus exporter of a silo) is scraped, and each exported
/// <c>sweep_</c> family must be catalogued with its type and labels, and each catalogued one exported.
/// </summary>
[Category(Category.Unit)]
public sealed class MetricCatalogueTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_catalogue_lists_exactly_the_exported_metrics_with_their_types_and_labels()
    {
        var text = await ScrapeEveryInstrumentOnce();
        output.WriteLine(text);
        var exported = Parse(text).Values.Where(f => f.Name.StartsWith("sweep_", StringComparison.Ordinal)).ToList();
        var catalogue = MetricCatalogue.Read(MetricCatalogue.PathIn(DotnetCli.RepositoryRoot()));

        Assert.NotEmpty(catalogue);
        Assert.Equal(catalogue.Count, catalogue.Select(c => c.Name).Distinct().Count());
        var problems = new List<string>();
        foreach (var f in exported)
        {
            var name = PromQlName(f);
            if (catalogue.FirstOrDefault(c => c.Name == name) is not { } c) { problems.Add($"{name} ({f.Type}) is exported but not in docs/metrics.md"); continue; }
            if (c.Type != f.Type) problems.Add($"{name}: catalogue says {c.Type}, exported as {f.Type}");
            var labels = f.Labels.Where(l => !l.StartsWith("otel_", StringComparison.Ordinal)).ToHashSet();
            if (!labels.SetEquals(c.Labels)) problems.Add($"{name}: catalogue labels [{string.Join(", ", c.Labels.Order())}], exported [{string.Join(", ", labels.Order())}]");
        }
        foreach (var c in catalogue.Where(c => !exported.Any(f => PromQlName(f) == c.Name)))
            problems.Add($"{c.Name} is in docs/metrics.md but not exported");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_catalogued_name_follows_Prometheus_naming()
    {
        foreach (var c in MetricCatalogue.Read(MetricCatalogue.PathIn(DotnetCli.RepositoryRoot())))
        {
            Assert.Equal(c.Type == "counter", c.Name.EndsWith("_total", StringComparison.Ordinal));
            if (c.Unit == "seconds") Assert.EndsWith("_seconds", c.Name.Replace("_total", ""));
            if (c.Unit == "bytes") Assert.EndsWith("_bytes", c.Name.Replace("_total", ""));
            Assert.DoesNotContain("trial_id", c.Labels);
            Assert.NotEmpty(c.Meaning);
        }
    }

    /// <summary>The name PromQL uses: a counter's family with its <c>_total</c> (the text format may name the family either way).</summary>
    private static string PromQlName(MetricFamily f) => f.Type == "counter" && !f.Name.EndsWith("_total", StringComparison.Ordinal) ? f.Name + "_total" : f.Name;

    private static IReadOnlyDictionary<string, MetricFamily> Parse(string text) => PrometheusText.Parse(text);

    /// <summary>A silo's exporter and HTTP server on a free port, every Sweep instrument recorded once, one scrape.</summary>
    internal static async Task<string> ScrapeEveryInstrumentOnce()
    {
        var port = FreePorts.Take(1)[0];
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(SweepMetrics.MeterName).AddPrometheusExporter());
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<MeterProvider>();
        using var metrics = new SweepMetrics();
        Record(metrics);
        await using var server = new SweepHttpServer(provider, Options.Create(new SweepSiloOptions { HttpPort = port }));
        await server.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient();
            return await http.GetStringAsync($"http://127.0.0.1:{port}{SweepHttpServer.MetricsPath}");
        }
        finally { await server.StopAsync(CancellationToken.None); }
    }

    private static void Record(SweepMetrics metrics)
    {
        metrics.AttachSilo(new FixedSiloReadings());
        var book = new Sweep.Grains.Experiments.ExperimentBook([
            new() { Plan = Plan("t/B-FP/r8/s1", "B-FP", "cuda"), State = TrialState.Running },
            new() { Plan = Plan("t/B-Q4/r8/s1", "B-Q4", "any"), State = TrialState.Pending },
        ]);
        var progress = new Dictionary<string, TrialProgressInfo> { ["t/B-FP/r8/s1"] = new("t/B-FP/r8/s1", 3, 10, 0.7, 50, "train", "s", 1) };
        metrics.SetExperiment("e1", ExperimentSnapshot.Of(book, 2, progress));
        metrics.SetAnalysis("e1", new AnalysisReport([],
            [new Sweep.Analysis.Comparison("t", "accuracy", "B-FP", "B-Q4", "paired_t", 3, 1.2, 0.03, 0.06, "d", 0.5, 0.01, -0.01, 0.02)],
            [new ClaimVerdict("C1", "text", Verdict.Supported, "evidence")]));
        var start = DateTimeOffset.UtcNow;
        metrics.RecordResult("e1", new TrialOutcome { Id = "t/B-FP/r8/s1", Task = "t", Preset = "B-FP", State = TrialState.Completed, StartedAt = start, FinishedAt = start.AddSeconds(90) });
        metrics.RecordComparison("t", "B-FP", "B-Q4");
        metrics.RecordAttempt("cpu");
        metrics.RecordRetry("cpu");
        metrics.RecordHandBack("cpu");
        metrics.RecordCheckpoint("cpu", 0.02, 4096);
    }

    private static TrialPlan Plan(string id, string preset, string accelerator) =>
        new() { Id = id, Task = "t", Preset = preset, Seed = 1, Placement = new PlacementSpec { Accelerator = accelerator } };
}
