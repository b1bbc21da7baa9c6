using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sweep.Deploy.Tests.Keda;
using Sweep.Deploy.Tests.Pods;
using Sweep.Deploy.Tests.Support;
using Sweep.TestSupport.Components;
using Xunit.Abstractions;

namespace Sweep.Deploy.Tests;

/// <summary>
/// KEDA, emulated faithfully against real parts: the dev overlay's control silo runs as a pod process
/// (<see cref="LocalCluster"/>), a real Prometheus scrapes the silos as the ServiceMonitor says (<see cref="MetricsScrape"/>),
/// and the CPU pool's ScaledObject, read from the rendered manifest, is evaluated on Prometheus' HTTP API each polling
/// interval and applied by <see cref="KedaAutoscaler"/> (KEDA's activation and cooldown, the HPA's formula, stabilization
/// windows and rate policies). Scaling starts and deletes real worker pods (SIGTERM, a kill after
/// terminationGracePeriodSeconds); a worker that exits by itself is restarted as the kubelet would (<see cref="PodProcess"/>).
/// A sweep of 24 trials with the default placement (any) must take the pool from 0 to N and back to 0, and every trial
/// must complete exactly once (by the results and by the silos' logs of attempt starts), trials on deleted workers resumed
/// elsewhere.
/// Time: every duration of the autoscaler and of the scrape (pollingInterval, cooldownPeriod, the HPA's windows and policy
/// periods, the scrape interval) is multiplied by <see cref="TimeScale"/>; the pods' own durations
/// (terminationGracePeriodSeconds, Sweep:DrainGrace, probes, the kubelet's restart back-off) are not.
/// </summary>
[Category(Category.Deploy)]
public sealed partial class KedaEmulationTests(ITestOutputHelper output)
{
    /// <summary>Twenty seconds of the manifests' time are one second here: the 15 s scrape and polling intervals become
    /// 0.75 s, which a loaded 2-core machine still scrapes reliably (a shorter interval makes the metric read 0 between
    /// failed scrapes).</summary>
    public const double TimeScale = 1.0 / 20;

    private const string Pool = "sweep-worker-cpu";

    [LinuxFact("pods advertise loopback addresses 127.0.0.2 and up, which only Linux routes without setup")]
    public async Task The_cpu_pool_scales_from_zero_to_the_formulas_size_and_back_after_the_cooldown_losing_and_repeating_no_trial()
    {
        var objects = Overlays.Render("dev");
        var scaledObject = ScaledObjectSpec.Read(objects.Single(m => m.Kind == "ScaledObject" && (string?)m.Body["spec"]!["scaleTargetRef"]!["name"] == Pool));
        var autoscaler = new KedaAutoscaler(scaledObject.Scaled(TimeScale));
        var spec = autoscaler.Spec;

        await using var cluster = await LocalCluster.StartAsync(objects);
        using var work = new TempDirectory("keda");
        var scrape = MetricsScrape.Of(objects, work.File("targets.json"));
        var control = await cluster.ScaleAsync("sweep-control", 1);
        scrape.WriteTargets(cluster);
        await using var prometheus = await PrometheusServer.StartNewAsync(scrape.Configuration(TimeScale));
        await control.Single().WaitReadyAsync(TimeSpan.FromMinutes(2));
        var drainGrace = TimeSpan.Parse(cluster.Launch(Pool).Environment["Sweep__DrainGrace"], CultureInfo.InvariantCulture);

        const int trials = 24, concurrency = 4;
        var specFile = work.Write("spec.yaml", $$"""
            name: keda-emulation
            tasks: [{ name: sentiment, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3]
            seeds: [1, 2, 3, 4]
            training: { max_steps: 12 }
            checkpoint_every: 3
            concurrency: {{concurrency}}
            """);
        var gateway = string.Join(',', cluster.Endpoints("sweep-gateway", "gateway").Select(e => e.Endpoint));
        var run = SweepConsole.RunAsync(TimeSpan.FromMinutes(8), "run", specFile, "--cluster", gateway, "--out", work.File("out"), "--connect-timeout", "60");

        var finishedQuery = $"sum(sweep_trial_results_total{{namespace=\"{cluster.Namespace}\"}})";
        var timeline = new ScaleTimeline();
        var clock = Stopwatch.StartNew();
        // the autoscaler's time is the timeline's (monotonic): the machine's wall clock may be stepped meanwhile
        var origin = DateTimeOffset.UtcNow;
        var deadline = TimeSpan.FromMinutes(5);
        while (!(run.IsCompleted && cluster.Pods(Pool).Count == 0 && cluster.AllPods.All(p => !p.Terminating || p.HasExited)))
        {
            if (clock.Elapsed > deadline)
                Assert.Fail($"the pool did not settle within {deadline}:\n{timeline.Format(TimeScale)}\nscrape targets: "
                    + string.Join("; ", (await prometheus.TargetsAsync()).Select(t => $"{t.Url} {t.Health} {t.Error}")) + $"\n{Logs(cluster)}");
            scrape.WriteTargets(cluster);
            var metric = await MetricAsync(prometheus, spec.Query);
            var current = cluster.Pods(Pool).Count;
            var now = clock.Elapsed; // the decision's time, for the autoscaler and the timeline alike
            var desired = autoscaler.Decide(origin + now, metric, current);
            if (desired != current) await cluster.ScaleAsync(Pool, desired);
            timeline.Add(new(now, metric, desired, cluster.Pods(Pool).Count,
                cluster.AllPods.Count(p => p.Terminating && !p.HasExited), (int)await MetricAsync(prometheus, finishedQuery)));
            await Task.Delay(spec.PollingInterval);
        }
        output.WriteLine($"{spec.Name}: threshold {spec.Threshold}, replicas {spec.MinReplicas}..{spec.MaxReplicas}, time scale 1/{1 / TimeScale:0} " +
            $"(polling {spec.PollingInterval.TotalSeconds:0.##} s, cooldown {spec.CooldownPeriod.TotalSeconds:0.##} s)\n{timeline.Format(TimeScale)}");
        foreach (var pod in cluster.AllPods.Where(p => p.Restarts > 0))
            output.WriteLine($"pod {pod.Name} restarted {pod.Restarts} times");

        var result = await run;
        Assert.True(result.ExitCode == 0, $"{result}\n{Logs(cluster)}");

        // up from 0 to the formula's size for the trials the concurrency lets run at once, within the manifest's bounds, and back to 0
        var expected = Math.Clamp((int)Math.Ceiling(Math.Min(trials, concurrency) / spec.Threshold), Math.Max(1, spec.MinReplicas), spec.MaxReplicas);
        Assert.Equal(0, timeline.Rows[0].Actual);
        Assert.Equal(expected, timeline.Rows.Max(r => r.Actual));
        Assert.Equal(0, timeline.Rows[^1].Actual);
        // to zero only after the metric has been at or below the activation threshold for the cooldown
        var zero = timeline.Rows.Last(r => r.Desired > 0);
        var lastActive = timeline.Rows.Last(r => r.Metric > spec.ActivationThreshold);
        Assert.True(timeline.Rows.SkipWhile(r => r != zero).Skip(1).First().At - lastActive.At >= spec.CooldownPeriod,
            $"the pool went to 0 less than {spec.CooldownPeriod} after the metric was last active\n{timeline.Format(TimeScale)}");

        // every deleted worker drained and ended by itself (exit 0) within Sweep:DrainGrace, before any kill; the loop above
        // ends once the processes have exited, which can be a moment before each deletion has recorded how long it took
        await cluster.WaitTerminationsAsync();
        var workers = cluster.AllPods.Where(p => p.Name.StartsWith(Pool, StringComparison.Ordinal)).ToList();
        Assert.All(workers, p => Assert.True(p.HasExited && p.ExitCode == 0 && p.TerminatedIn < drainGrace,
            $"pod {p.Name}: {(p.HasExited ? $"exit {p.ExitCode}" : "running")} after {p.TerminatedIn}\n{p.Log}"));

        // every trial completed exactly once; those on deleted workers resumed from a checkpoint elsewhere
        var results = JsonNode.Parse(File.ReadAllText(work.File("out/results.json")))!["trials"]!.AsArray();
        Assert.Equal(trials, results.Count);
        Assert.Equal(trials, results.Select(t => (string?)t!["id"]).Distinct().Count());
        Assert.All(results, t => Assert.Equal("Completed", (string?)t!["state"]));
        var completed = await MetricAsync(prometheus, $"sum(sweep_trial_results_total{{namespace=\"{cluster.Namespace}\",state=\"Completed\"}})");
        Assert.Equal(trials, completed);
        var resumed = results.Where(t => (int)t!["attempts"]! > 1).ToList();
        foreach (var t in resumed)
            output.WriteLine($"resumed: {(string?)t!["id"]} attempts {(int)t["attempts"]!} from step {t["resumed_from_step"]?.ToString() ?? "0"} on {(string?)t["silo"]}");
        // A worker is deleted only when the metric has been lower for the scale-down window, i.e. in the sweep's tail, and the
        // ReplicaSet (newest first) may pick an idle one: a hand-back is checked when it happens, not required each run.
        output.WriteLine($"{resumed.Count} trials resumed after a hand-back");
        Assert.All(resumed, t => Assert.True((int?)t!["resumed_from_step"] > 0, $"{(string?)t["id"]} started again from step 0"));

        // by the silos' own logs: each attempt of each trial started once, on one silo, and every attempt but the last was
        // handed back by a draining silo (a duplicate activation would start an attempt twice or one more than recorded)
        var logs = cluster.AllPods.Select(p => p.Log).ToList();
        var starts = logs.SelectMany(l => AttemptStarted().Matches(l)).Select(m => (Trial: m.Groups[1].Value, Attempt: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        var handedBack = logs.SelectMany(l => HandedBack().Matches(l)).Select(m => m.Groups[1].Value).ToList();
        foreach (var t in results)
        {
            var id = (string)t!["id"]!;
            var attempts = (int)t["attempts"]!;
            var started = starts.Where(s => s.Trial == id).Select(s => s.Attempt).Order().ToList();
            Assert.True(started.SequenceEqual(Enumerable.Range(1, attempts)),
                $"{id}: results say {attempts} attempts, the silos logged starts of attempts [{string.Join(", ", started)}]\n{Logs(cluster)}");
            Assert.True(handedBack.Count(h => h == id) == attempts - 1, $"{id}: {attempts} attempts but {handedBack.Count(h => h == id)} hand-backs logged\n{Logs(cluster)}");
        }
    }

    [GeneratedRegex(@"trial (\S+): attempt (\d+) started on ")]
    private static partial Regex AttemptStarted();

    [GeneratedRegex(@"trial (\S+): handed back ")]
    private static partial Regex HandedBack();

    private static async Task<double> MetricAsync(PrometheusServer prometheus, string query)
    {
        var result = await prometheus.QueryAsync(query, DateTimeOffset.UtcNow);
        return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static string Logs(LocalCluster cluster) =>
        string.Join("\n", cluster.AllPods.Select(p => $"--- pod {p.Name} ({p.Ip}) {(p.HasExited ? $"exited {p.ExitCode}" : "running")}\n{Tail(p.Log)}"));

    private static string Tail(string log) => log.Length <= 4000 ? log : "…" + log[^4000..];
}
