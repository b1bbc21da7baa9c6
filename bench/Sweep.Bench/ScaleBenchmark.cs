using System.Diagnostics;
using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Bench;

/// <summary>
/// A sweep at the allowed scale, simulated, on one in-process silo (the control silo, which also runs the trials):
/// submit N trials (one task × two presets, baseline B-FP and B-Q4, × N/2 seeds, each three 1 ms steps), poll the
/// status while it runs for <c>runSeconds</c>, cancel, then read every result page by page and the analysis — what
/// <c>sweep results</c> does (in spec order the trials that ran are all B-FP, so that analysis has no comparison);
/// then the analysis of M finished trials with a comparison. Prints each call's latency (status: p50/p95 over the
/// polls) and the silo process's memory (GC heap, RSS) at the end.
/// Any call that exceeds the cluster's response timeout fails the benchmark.
/// </summary>
public sealed class ScaleBenchmark(int trials, int runSeconds, int concurrency, int analysisTrials)
{
    public async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"scale benchmark: {trials:N0} simulated trials, concurrency {concurrency}, run {runSeconds} s then cancel; {Environment.ProcessorCount} cores");
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSweepSilo(o =>
        {
            o.Accelerator = AcceleratorChoice.Cpu;
            o.Slots = concurrency;
            o.DeviceMemory = "8GiB";
            o.Executor = TrialExecutorKind.Simulated;
            o.SimulatedStep = TimeSpan.FromMilliseconds(1);
            o.PumpInterval = TimeSpan.FromSeconds(0.5);
            o.ProgressInterval = TimeSpan.FromSeconds(5);
            o.DataPath = Path.Combine(Path.GetTempPath(), $"sweep-scale-{Environment.ProcessId}");
        }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var spec = new SweepSpec
        {
            Name = $"scale-{trials}",
            Tasks = [new TaskSpec { Name = "t", Model = "sim", Data = "toy-sentiment" }],
            Presets = ["B-FP", "B-Q4"],
            Seeds = Enumerable.Range(1, (trials + 1) / 2).ToList(),
            Training = new TrainingOverrides { MaxSteps = 3 },
            Concurrency = concurrency,
            CheckpointEvery = 0,
        };
        var grain = cluster.Client.GetGrain<IExperimentGrain>(ExperimentIds.For(spec));

        var clock = Stopwatch.StartNew();
        var submitted = await grain.Submit(spec);
        var submit = clock.Elapsed;
        output.WriteLine($"  submit: {Ms(submit)} ({submitted.Total:N0} trials, status lists {submitted.Trials.Count})");

        var polls = new List<double>();
        var run = Stopwatch.StartNew();
        ExperimentStatus status = submitted;
        while (run.Elapsed < TimeSpan.FromSeconds(runSeconds) && !status.IsFinished)
        {
            clock.Restart();
            status = await grain.GetStatus();
            polls.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(250);
        }
        polls.Sort();
        output.WriteLine($"  status during the run: {polls.Count} polls, p50 {Percentile(polls, 0.50):0.0} ms, p95 {Percentile(polls, 0.95):0.0} ms, max {polls[^1]:0.0} ms; " +
            $"{status.Finished:N0} finished after {run.Elapsed.TotalSeconds:0} s");

        clock.Restart();
        var cancelled = await grain.Cancel();
        output.WriteLine($"  cancel: {Ms(clock.Elapsed)} ({cancelled.Count(TrialState.Completed):N0} completed, {cancelled.Count(TrialState.Cancelled):N0} cancelled, {cancelled.Count(TrialState.Running)} still stopping)");
        while (!(await grain.GetCounts()).IsFinished) await Task.Delay(50);

        clock.Restart();
        var results = await ResultsPaging.FetchAllAsync(grain);
        var fetch = clock.Elapsed;
        clock.Restart();
        var analysis = (await AnalysisRequest.WaitAsync(cluster.Client.GetGrain<IAggregationGrain>(results.Id), spec.Analysis, TimeSpan.FromMinutes(10))).Report;
        var analyze = clock.Elapsed;
        clock.Restart();
        await AnalysisRequest.WaitAsync(cluster.Client.GetGrain<IAggregationGrain>(results.Id), spec.Analysis, TimeSpan.FromMinutes(10));
        var again = clock.Elapsed;
        if (results.Trials.Count != results.TotalTrials)
            throw new InvalidOperationException($"{results.Trials.Count} results for {results.TotalTrials} trials");
        output.WriteLine($"  results: {results.Trials.Count:N0} outcomes in {(results.TotalTrials + ResultsPaging.PageSize - 1) / ResultsPaging.PageSize} pages, {Ms(fetch)}; " +
            $"analysis {Ms(analyze)} ({(analysis is null ? "none: no completed baseline trial" : $"{analysis.Groups.Count} group(s), {analysis.Comparisons.Count} comparison(s)")}), again (kept) {Ms(again)}");

        await AnalysisAtScale(cluster.Client, results, output);

        GC.Collect();
        using var self = Process.GetCurrentProcess();
        output.WriteLine($"  control silo memory (this process, silo and client): GC heap {GC.GetTotalMemory(false) / 1048576.0:0} MiB, " +
            $"RSS {self.WorkingSet64 / 1048576.0:0} MiB, peak RSS {self.PeakWorkingSet64 / 1048576.0:0} MiB");
    }

    /// <summary>
    /// The analysis of a finished sweep with a comparison in it: M outcomes (B-FP and B-Q4 over M/2 seeds,
    /// made from a simulated outcome with seed-dependent accuracies) sent to an aggregation grain, then its analysis asked
    /// for twice (computed, then kept).
    /// </summary>
    private async Task AnalysisAtScale(IClusterClient client, ExperimentResults sweep, TextWriter output)
    {
        var template = sweep.Trials.First(t => t.State == TrialState.Completed);
        var seeds = (analysisTrials + 1) / 2;
        var plans = new List<TrialPlan>();
        foreach (var preset in new[] { "B-FP", "B-Q4" })
            plans.AddRange(Enumerable.Range(1, seeds).Select(seed => new TrialPlan { Id = TrialPlan.MakeId("t", preset, 8, seed), Task = "t", Preset = preset, Rank = 8, Seed = seed }));
        var aggregation = client.GetGrain<IAggregationGrain>($"scale-analysis-{analysisTrials}");
        var clock = Stopwatch.StartNew();
        await aggregation.Expect(new AggregationPlan(new AnalysisSpec(), plans));
        foreach (var plan in plans)
        {
            var accuracy = 0.80 + plan.Seed % 97 / 1000.0 + (plan.Preset == "B-Q4" ? -0.003 : 0);
            var metrics = new Dictionary<string, double>(template.Metrics) { [MetricNames.Accuracy] = accuracy };
            await aggregation.Add(template with { Id = plan.Id, Preset = plan.Preset, Seed = plan.Seed, Rank = 8, Method = Presets.MethodName(plan.Preset), Metrics = metrics });
        }
        while (await aggregation.Count() < plans.Count) await Task.Delay(20);
        var ingest = clock.Elapsed;
        clock.Restart();
        var answer = await AnalysisRequest.WaitAsync(aggregation, new AnalysisSpec(), TimeSpan.FromMinutes(10));
        var report = answer.Report;
        var first = clock.Elapsed;
        clock.Restart();
        if (answer.Ready) await AnalysisRequest.WaitAsync(aggregation, new AnalysisSpec(), TimeSpan.FromMinutes(10));
        output.WriteLine($"  analysis of {plans.Count:N0} finished trials (B-FP vs B-Q4): ingestion {Ms(ingest)}, first request {Ms(first)} " +
            $"({(answer.Ready ? $"{report?.Comparisons.Count ?? 0} comparison(s)" : "not ready after 10 minutes")}, in calls of at most {AnalysisRequest.PerCall.TotalSeconds:0} s), again (kept) {Ms(clock.Elapsed)}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";
}
