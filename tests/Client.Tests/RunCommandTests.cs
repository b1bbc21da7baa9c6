using System.Text.Json;
using Sweep.Client.Cli;

namespace Sweep.Client.Tests;

/// <summary><c>sweep run</c> end to end on the embedded silo with the simulated executor.</summary>
[Category(Category.Cluster)]
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("run");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_with_adapters_writes_one_peft_folder_per_completed_trial_and_leaves_no_checkpoint_behind()
    {
        var spec = Path.Combine(_dir.Path, "a.yaml");
        File.WriteAllText(spec, """
            name: adapters-test
            tasks:
              - { name: ok, model: tiny-bert, data: toy-sentiment }
            presets: [B-FP, B-Ada]
            seeds: [1]
            training: { max_steps: 6, batch_size: 8, max_length: 32, max_eval_examples: 32 }
            concurrency: 2
            checkpoint_every: 2
            threads_per_trial: 1
            """);
        var outDir = Path.Combine(_dir.Path, "out-adapters");
        var adapters = Path.Combine(_dir.Path, "adapters");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await new SweepApp(stdout, stderr).RunAsync(["run", spec, "--out", outDir, "--adapters", adapters], CancellationToken.None);

        Assert.True(code == ExitCodes.Ok, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains($"2 adapter(s) written to {adapters}", stdout.ToString());
        Assert.Equal(["ok_B-Ada_s1", "ok_B-FP_r8_s1"], Directory.GetDirectories(adapters).Select(Path.GetFileName).Order());
        foreach (var (folder, type) in new[] { ("ok_B-FP_r8_s1", "LORA"), ("ok_B-Ada_s1", "ADALORA") })
        {
            Assert.True(new FileInfo(Path.Combine(adapters, folder, "adapter_model.safetensors")).Length > 0);
            using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(adapters, folder, "adapter_config.json")));
            Assert.Equal(type, config.RootElement.GetProperty("peft_type").GetString());
            Assert.Equal("tiny-bert", config.RootElement.GetProperty("base_model_name_or_path").GetString());
        }
        var stored = Directory.GetFiles(Path.Combine(outDir, ".sweep", "artifacts"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("checkpoint", stored); // both trials checkpointed at steps 2 and 4; finished, the checkpoints went
        Assert.Equal(2, stored.Count(f => f == "adapter_model.safetensors"));
    }

    [Fact]
    public async Task Run_on_the_embedded_silo_writes_the_results_contract()
    {
        // The SST-2 copy passes the checks before submitting (its files and headers are there) but a row is bad.
        var sst2 = Directory.CreateDirectory(Path.Combine(_dir.Path, "SST-2")).FullName;
        File.WriteAllText(Path.Combine(sst2, "train.tsv"), "sentence\tlabel\ngood\t1\nodd\t2\n");
        File.WriteAllText(Path.Combine(sst2, "dev.tsv"), "sentence\tlabel\nbad\t0\n");
        var spec = Path.Combine(_dir.Path, "s.yaml");
        File.WriteAllText(spec, $$"""
            name: run-test
            tasks:
              - { name: ok, model: tiny-bert, data: toy-sentiment }
              - { name: gone, model: tiny-bert, data: { sst2: "{{sst2}}" } }
            presets: [B-FP, B-Ada]
            seeds: [1, 2]
            training: { max_steps: 5 }
            concurrency: 2
            checkpoint_every: 2
            """);
        var outDir = Path.Combine(_dir.Path, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new SweepApp(stdout, stderr);

        var code = await app.RunAsync(["run", spec, "--out", outDir, "--simulate"], CancellationToken.None);

        Assert.True(code == ExitCodes.Failure, $"exit {code}; stderr: {stderr}"); // the 'gone' trials fail (a bad row), the sweep still finishes
        Assert.Contains("Completed in", stdout.ToString());
        Assert.Contains("4 completed, 4 failed", stdout.ToString());
        Assert.Contains($"failed gone/B-FP/r8/s1: InvalidInputException: {Path.Combine(sst2, "train.tsv")}: line 3: field 'label' is '2', expected 0 or 1", stderr.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var root = json.RootElement;
        Assert.Equal("run-test", root.GetProperty("experiment").GetProperty("name").GetString());
        Assert.Equal("run-test", root.GetProperty("spec").GetProperty("name").GetString());
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(8, trials.Count);
        foreach (var field in new[] { "id", "task", "preset", "method", "rank", "seed", "state", "attempts", "silo", "device", "metrics", "rank_pattern", "loss_curve", "error" })
            Assert.True(trials[0].TryGetProperty(field, out _), $"trial field '{field}' missing");
        Assert.Equal(5, trials.First(t => t.GetProperty("state").GetString() == "Completed").GetProperty("metrics").GetProperty("steps").GetDouble());
        foreach (var metric in new[] { "accuracy", "f1", "f1_macro", "perplexity", "eval_loss", "trainable_params", "total_params", "trainable_percent",
                     "peak_memory_bytes", "train_seconds", "steps", "samples_per_second" })
            Assert.True(trials[0].GetProperty("metrics").TryGetProperty(metric, out _), $"metric '{metric}' missing (null where it does not apply)");
        Assert.True(root.TryGetProperty("analysis", out _));
        Assert.Equal(8, Sweep.Analysis.TrialsCsv.Read(Path.Combine(outDir, "trials.csv")).Count); // 'sweep analyze' reads it
        Assert.Equal(JsonValueKind.Object, root.GetProperty("analysis").ValueKind);
        Assert.True(new FileInfo(Path.Combine(outDir, "summary.md")).Length > 0);
        Assert.True(new FileInfo(Path.Combine(outDir, "significance.csv")).Length > 0);
        Assert.True(Directory.Exists(Path.Combine(outDir, "figures")));
        var problems = Results.ResultsSchema.Problems(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "results.json"))));
        Assert.True(problems.Count == 0, string.Join("\n", problems)); // docs/results.schema.json
    }

    [Theory]
    [InlineData("--in-process", "--in-process applies to the embedded silo only")]
    [InlineData("--simulate", "--simulate applies to the embedded silo only")]
    [InlineData("--metrics-port=9100", "--metrics-port applies to the embedded silo only")]
    public async Task Embedded_silo_options_with_a_cluster_exit_2_naming_the_option(string option, string message)
    {
        var stderr = new StringWriter();
        var code = await new SweepApp(new StringWriter(), stderr).RunAsync(
            ["run", "examples-do-not-matter.yaml", "--cluster", "localhost:30000", option], CancellationToken.None);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, stderr.ToString());
    }

    [Fact]
    public async Task Run_with_a_bad_spec_exits_2_and_submits_nothing()
    {
        var spec = Path.Combine(_dir.Path, "bad.yaml");
        File.WriteAllText(spec, "name: bad\ntasks: []\npresets: [B-Foo]\nseeds: []\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new SweepApp(stdout, stderr);

        var code = await app.RunAsync(["run", spec, "--out", Path.Combine(_dir.Path, "never")], CancellationToken.None);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("presets[0]: unknown preset 'B-Foo'", stderr.ToString());
        Assert.Contains("seeds: must not be empty", stderr.ToString());
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "never")));
    }
}

/// <summary>Ctrl-C during <c>sweep run</c>: the sweep is cancelled cleanly and what was kept is written and reported.</summary>
[Category(Category.Cluster)]
public sealed class RunCancelTests : IDisposable
{
    private readonly TempDirectory _dir = new("cancel");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Cancelling_run_stops_the_sweep_and_writes_what_was_kept()
    {
        var spec = Path.Combine(_dir.Path, "long.yaml");
        File.WriteAllText(spec, """
            name: long
            tasks: [{ name: t, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Q4]
            seeds: [1, 2, 3]
            training: { max_steps: 1000000 }
            concurrency: 2
            """);
        var outDir = Path.Combine(_dir.Path, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new SweepApp(stdout, stderr);
        using var ctrlC = new CancellationTokenSource();
        var run = app.RunAsync(["run", spec, "--out", outDir, "--simulate"], ctrlC.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!stdout.ToString().Contains("running") && DateTime.UtcNow < deadline) await Task.Delay(50);
        ctrlC.Cancel();

        var code = await run;

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("cancelled after", stderr.ToString());
        Assert.Contains("6 trial(s) cancelled", stderr.ToString());
        Assert.Contains("checkpoints under", stderr.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Equal("Cancelled", json.RootElement.GetProperty("experiment").GetProperty("state").GetString());
        Assert.All(json.RootElement.GetProperty("trials").EnumerateArray(), t => Assert.Equal("Cancelled", t.GetProperty("state").GetString()));
    }
}
