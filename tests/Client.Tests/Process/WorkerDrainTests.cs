using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sweep.TestSupport.Components;

namespace Sweep.Client.Tests.Process;

/// <summary>
/// Scaling a worker pool down, for real: a control silo and two CPU worker silo processes (localhost clustering, file
/// storage) run real tiny-bert trials that never checkpoint on their own (<c>checkpoint_every</c> beyond the last step).
/// One worker gets SIGTERM mid-trial: it must exit 0 within its drain grace, its running trial must be checkpointed at
/// the step it had reached and resume from that step on the other worker, and the sweep must finish with every trial
/// once, none failed and no retry spent (<c>retries: 0</c>).
/// </summary>
[Category(Category.Cluster)]
public sealed class WorkerDrainTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    [UnixFact("SIGTERM")]
    public async Task A_worker_given_SIGTERM_mid_trial_hands_it_back_at_its_step_and_exits_0_within_its_grace()
    {
        using var dir = new TempDirectory("drain");
        var ports = FreePorts.Take(6);
        var common = new Dictionary<string, string>
        {
            ["Sweep__Storage"] = "File", ["Sweep__DataPath"] = dir.File("data"), ["Sweep__HttpPort"] = "0",
            ["Sweep__PumpInterval"] = "00:00:00.5", ["Sweep__ProgressInterval"] = "00:00:00.5", ["Sweep__DrainGrace"] = "00:00:30",
        };
        Dictionary<string, string> Silo(string role, int silo, int gateway, params (string, string)[] extra)
        {
            var env = new Dictionary<string, string>(common) { ["Sweep__Role"] = role, ["Sweep__SiloPort"] = $"{silo}", ["Sweep__GatewayPort"] = $"{gateway}" };
            if (role == "Worker") { env["Sweep__Primary"] = $"localhost:{ports[0]}"; env["Sweep__Accelerator"] = "Cpu"; env["Sweep__Slots"] = "1"; }
            foreach (var (k, v) in extra) env[k] = v;
            return env;
        }
        await using var control = SiloChild.Start("control", Silo("Control", ports[0], ports[1]));
        await Task.Delay(TimeSpan.FromSeconds(3)); // the primary first
        await using var a = SiloChild.Start("worker A", Silo("Worker", ports[2], ports[3]));
        await using var b = SiloChild.Start("worker B", Silo("Worker", ports[4], ports[5]));
        var cluster = $"localhost:{ports[1]}";
        var spec = dir.Write("spec.yaml", """
            name: drain
            tasks: [{ name: sentiment, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Q4]
            seeds: [1, 2]
            training: { max_steps: 700, epochs: 20 }
            concurrency: 2
            threads_per_trial: 1
            checkpoint_every: 1000
            retries: 0
            """);
        var id = await Submit(dir.Path, spec, cluster, () => $"{control.Output}\n{a.Output}\n{b.Output}");

        // worker B's trial past step 60: the only checkpoint it can have is the one the drain takes
        var onB = $":{ports[4]}@";
        JsonElement running = default;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(4))
        {
            var status = await Console(dir.Path, "status", id, "--cluster", cluster, "--json");
            var trials = JsonDocument.Parse(status).RootElement.GetProperty("trials").EnumerateArray().ToList();
            running = trials.FirstOrDefault(t => t.GetProperty("state").GetString() == "Running" && t.GetProperty("silo").GetString()!.Contains(onB)
                && t.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("step").GetInt32() > 60);
            if (running.ValueKind == JsonValueKind.Object) break;
            await Task.Delay(500);
        }
        Assert.True(running.ValueKind == JsonValueKind.Object, $"no trial past step 60 on worker B; B: {b.Output}");
        var victim = running.GetProperty("id").GetString()!;
        var stepBefore = running.GetProperty("progress").GetProperty("step").GetInt32();

        var stopping = Stopwatch.StartNew();
        b.Terminate();
        var exit = await b.ExitCode(Grace + TimeSpan.FromSeconds(30));
        var stopped = stopping.Elapsed;
        Assert.True(exit == 0, $"worker B: exit {exit?.ToString() ?? "none"} after {stopped}; its output: {b.Output}");
        Assert.True(stopped < Grace, $"worker B took {stopped} to stop; its output: {b.Output}");
        var handBack = Regex.Match(b.Output, $@"trial {Regex.Escape(victim)}: handed back at step (\d+) \(silo draining\)");
        Assert.True(handBack.Success, $"no hand-back line for {victim}: {b.Output}");
        var drainStep = int.Parse(handBack.Groups[1].Value);
        Assert.True(drainStep >= stepBefore, $"checkpointed at step {drainStep}, but it was at step {stepBefore} before SIGTERM");
        Assert.Matches(@"drain: done in [\d.]+ s: 1 trials handed back \(1 checkpointed by the drain, 0 from an earlier checkpoint\), 0 unsettled", b.Output);

        await Console(dir.Path, "watch", id, "--cluster", cluster);
        await Console(dir.Path, "results", id, "--cluster", cluster, "--out", dir.File("results"));
        var results = JsonDocument.Parse(File.ReadAllText(dir.File("results/results.json"))).RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.Equal(4, results.Select(t => t.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(results, t => Assert.Equal("Completed", t.GetProperty("state").GetString()));
        var moved = results.Single(t => t.GetProperty("id").GetString() == victim);
        Assert.Equal(drainStep, moved.GetProperty("resumed_from_step").GetInt32());
        Assert.Equal(2, moved.GetProperty("attempts").GetInt32()); // the attempt handed back and the one that finished
        Assert.Contains($":{ports[2]}@", moved.GetProperty("silo").GetString());
        Assert.DoesNotContain("handed back", Regex.Replace(b.Output, $@"trial {Regex.Escape(victim)}: handed back|\d+ trials handed back", ""));
    }

    /// <summary>Submits once the control silo sees a worker (a worker that has just started may not be in its view yet).</summary>
    private static async Task<string> Submit(string dir, string spec, string cluster, Func<string> logs)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            using var submit = ConsoleProcess.Start(dir, null, "submit", spec, "--cluster", cluster, "--connect-timeout", "60");
            if (await submit.Exit(TimeSpan.FromMinutes(2)) == 0) return submit.Out.Trim();
            last = submit.Err;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"sweep submit kept failing: {last}\nsilos: {logs()}");
    }

    private static async Task<string> Console(string dir, params string[] args)
    {
        using var console = ConsoleProcess.Start(dir, null, [.. args, "--connect-timeout", "60"]);
        var code = await console.Exit(TimeSpan.FromMinutes(5));
        Assert.True(code == 0, $"sweep {string.Join(' ', args)}: exit {code}: {console.Err}");
        return console.Out;
    }
}
