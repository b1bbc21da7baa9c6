using System.Diagnostics;
using Orleans.TestingHost;
using Sweep.Grains.Artifacts;
using Sweep.Grains.AzureStorage;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Bench;

/// <summary>
/// Azure storage against its local references, in one run (the account of <c>SWEEP_AZURE_CONNECTION_STRING</c>, e.g. Azurite):
/// (1) orchestration overhead per trial of N trivial simulated trials on 3 in-process silos with Azure Blob grain storage and
///     artifacts vs memory storage, alternating over three rounds (memory first, then Azure first, …);
/// (2) checkpoint upload and download MB/s through <see cref="BlobArtifactStore"/> (SHA-256 while streaming, checked on read) vs
///     the local-directory store, for LoRA checkpoints the size of MiniLM's and BERT-base's B-FP trials: trainable parameters
///     plus AdamW's two moments, fp32 (random bytes: fp32 values do not compress).
/// </summary>
public sealed class AzureStorageBenchmark(string connectionString, int trials, int repeats)
{
    private const int Rounds = 3;

    /// <summary>B-FP trainable parameters: LoRA r = 8 on every encoder Linear and the pooler, plus the 2-class head.</summary>
    public static long LoraTrainable(int layers, int hidden, int ffn, int r = 8) =>
        layers * (4L * r * (hidden + hidden) + r * (hidden + ffn) + r * (ffn + hidden)) + r * (hidden + hidden) + hidden * 2 + 2;

    public async Task RunAsync(TextWriter output)
    {
        var memory = new List<double>();
        var azure = new List<double>();
        for (var round = 0; round < Rounds; round++)
            foreach (var kind in round % 2 == 0 ? new[] { GrainStorageKind.Memory, GrainStorageKind.Azure } : [GrainStorageKind.Azure, GrainStorageKind.Memory])
                (kind == GrainStorageKind.Memory ? memory : azure).Add(await OverheadMs(kind, $"r{round}"));
        output.WriteLine($"  orchestration overhead per trial ({trials} trivial trials, 3 silos × 2 slots, {Rounds} alternating rounds): " +
            $"memory {Timing.SampleSummary.Of(memory).Format("F2")} ms, azure {Timing.SampleSummary.Of(azure).Format("F2")} ms, " +
            $"ratio {Timing.SampleSummary.OfRatios(azure, memory).Format("F1", "×")}");

        var account = AzureStorageAccount.From(connectionString, null, "SWEEP_AZURE_CONNECTION_STRING", "-", out var problem) ?? throw new InvalidOperationException(problem);
        var container = account.Blobs().GetBlobContainerClient("sweep-bench");
        await container.CreateIfNotExistsAsync();
        var blob = new BlobArtifactStore(container);
        var local = new LocalDirectoryArtifactStore(Path.Combine(Path.GetTempPath(), $"sweep-bench-artifacts-{Environment.ProcessId}"));
        foreach (var (name, trainable) in new[] { ("MiniLM", LoraTrainable(6, 384, 1536)), ("BERT-base", LoraTrainable(12, 768, 3072)) })
        {
            var data = new byte[trainable * 3 * 4];
            new Random(1).NextBytes(data);
            var mb = data.Length / 1e6;
            var (up, down, localUp, localDown) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < repeats; i++) // blob and local alternate
            {
                localUp.Add(mb / Time(() => local.Write($"b/{name}", new MemoryStream(data))));
                up.Add(mb / Time(() => blob.Write($"b/{name}", new MemoryStream(data))));
                down.Add(mb / Time(() => ReadAll(blob, $"b/{name}")));
                localDown.Add(mb / Time(() => ReadAll(local, $"b/{name}")));
            }
            output.WriteLine($"  {name} B-FP checkpoint ({trainable:N0} trainable parameters, {mb:F1} MB), {repeats} repeats: " +
                $"upload {Timing.SampleSummary.Of(up).Format("F0")} MB/s (local directory {Timing.SampleSummary.Of(localUp).Format("F0")}), " +
                $"download {Timing.SampleSummary.Of(down).Format("F0")} MB/s (local directory {Timing.SampleSummary.Of(localDown).Format("F0")}); " +
                $"blob/local upload {Timing.SampleSummary.OfRatios(up, localUp).Format("F2", "×")}, download {Timing.SampleSummary.OfRatios(down, localDown).Format("F2", "×")}");
        }
        await container.DeleteIfExistsAsync();
    }

    private static void ReadAll(IArtifactStore store, string key)
    {
        using var read = store.OpenRead(key) ?? throw new InvalidOperationException($"{key} missing");
        read.Content.CopyTo(Stream.Null);
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private async Task<double> OverheadMs(GrainStorageKind storage, string tag)
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSweepSilo(o =>
        {
            o.Accelerator = AcceleratorChoice.Cpu;
            o.Slots = 2;
            o.DeviceMemory = "8GiB";
            o.Executor = TrialExecutorKind.Simulated;
            o.SimulatedStep = TimeSpan.FromMilliseconds(1);
            o.PumpInterval = TimeSpan.FromSeconds(0.5);
            o.ProgressInterval = TimeSpan.FromSeconds(5);
            o.Storage = storage;
            o.Azure.ConnectionString = connectionString;
            o.DataPath = Path.Combine(Path.GetTempPath(), "sweep-bench");
        }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var spec = new SweepSpec
        {
            Name = $"azure-bench-{storage}-{tag}-{Guid.NewGuid():N}",
            Tasks = [new TaskSpec { Name = "t", Model = "sim", Data = "toy-sentiment" }],
            Presets = ["B-FP"],
            Seeds = Enumerable.Range(1, trials).ToList(),
            Training = new TrainingOverrides { MaxSteps = 1 },
            Concurrency = 6,
            CheckpointEvery = 0,
        };
        var grain = cluster.Client.GetGrain<IExperimentGrain>(ExperimentIds.For(spec));
        var clock = Stopwatch.StartNew();
        await grain.Submit(spec);
        while (!(await grain.GetCounts()).IsFinished) await Task.Delay(20);
        var wall = clock.Elapsed;
        var results = await grain.GetResults();
        if (results.Trials.Count != trials || results.Trials.Any(t => t.State != TrialState.Completed))
            throw new InvalidOperationException($"{spec.Name}: {results.Trials.Count} results, not all Completed");
        var ideal = TimeSpan.FromMilliseconds(trials * 1.0 / 6);
        return (wall - ideal).TotalMilliseconds / trials;
    }
}
