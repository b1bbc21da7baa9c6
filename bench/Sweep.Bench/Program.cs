using Sweep.Bench;
using Sweep.Bench.Timing;
using Sweep.Training.Quantization;
using TorchSharp;

// Benchmarks print ratios against a reference measured in the same run (machines are shared and noisy).
// Usage: dotnet run -c Release --project bench/Sweep.Bench -- [core|nf4|orchestration] [--threads N]
//        core [--layers N] [--batch B] [--seq T] [--rounds R] [--seed S] [--lm-width W] [--lm-only]: training-step variants
//             (BERT-shaped, and a GPT-2-shaped language model's loss over whole logits vs chunked) interleaved over R rounds
//        nf4 [--repeats R] [--bf16] [--device D]: NF4 quantization time and dequantize+matmul vs fp32
//        orchestration [--trials N] [--slots S] [--cpu-trials M]: per-trial overhead, aggregation rate, 2 vs 1 workers
//        metrics [--trials N] [--slots S]: /metrics scrape time and series count idle, during a tenth-size and an N-trial simulated sweep
//        azure [--trials N] [--repeats R]: overhead per trial with Azure vs memory storage; checkpoint MB/s (SWEEP_AZURE_CONNECTION_STRING)
//        scale [--trials N] [--run-seconds S] [--concurrency C] [--analysis-trials M]: submit, status, cancel, results, analysis latency and memory
//        lm-profile [--lm-width W] [--layers N] [--batch B] [--seq T] [--steps N]: where an LM training step's time goes, phase by
//             phase (thread CPU time; run with --threads 1), pretraining and LoRA
//        memory [--batch B] [--seq T] [--steps N] [--rounds R] [--models a,b] [--roles grid,slope,held-out]: predicted vs measured peak memory of each preset, each trial in its own process
if (args is [Sweep.Training.Isolation.TrialProtocol.Verb]) return Sweep.Training.Isolation.TrialChild.Run(Console.In, Console.OpenStandardOutput());
var argsList = args.ToList();
int Opt(string name, int fallback, int min = 1)
{
    var i = argsList.IndexOf(name);
    if (i < 0) return fallback;
    if (i + 1 < argsList.Count && int.TryParse(argsList[i + 1], out var v) && v >= min) return v;
    Console.Error.WriteLine($"{name} needs an integer ≥ {min}");
    Environment.Exit(2);
    return fallback;
}
var threads = Opt("--threads", Environment.ProcessorCount);
torch.set_num_threads(threads);
var which = argsList.FirstOrDefault(a => !a.StartsWith("--") && !int.TryParse(a, out _)) ?? "core";
switch (which)
{
    case "core":
        // --repeats is the older name of --rounds.
        new CoreBenchmark(Opt("--layers", 2), Opt("--batch", 8), Opt("--seq", 128), Opt("--rounds", Opt("--repeats", 15)), Opt("--seed", 1, min: int.MinValue),
            Opt("--lm-width", 64, min: 8), argsList.Contains("--lm-only")).Run(Console.Out);
        break;
    case "lm-profile":
        PrintMachine();
        new LmStepProfile(Sweep.Training.Models.Gpt2Config.Tiny with { NLayer = Opt("--layers", 2), NEmbd = Opt("--lm-width", 64, min: 8), NHead = 4 },
            Opt("--batch", 8), Opt("--seq", 128), Opt("--steps", 10)).Run(Console.Out);
        break;
    case "orchestration":
        PrintMachine();
        await new OrchestrationBenchmark(Opt("--trials", 10_000), Opt("--slots", 4), Opt("--cpu-trials", 24)).RunAsync(Console.Out);
        break;
    case "azure":
        PrintMachine();
        if (Environment.GetEnvironmentVariable("SWEEP_AZURE_CONNECTION_STRING") is not { Length: > 0 } connection)
        {
            Console.Error.WriteLine("azure: set SWEEP_AZURE_CONNECTION_STRING to the storage account (e.g. a running Azurite)");
            return 2;
        }
        await new AzureStorageBenchmark(connection, Opt("--trials", 300), Opt("--repeats", 5)).RunAsync(Console.Out);
        break;
    case "analyze": AnalyzeBenchmark.Run(Opt("--rows", 170_000, min: 12), Opt("--curve-points", 12, min: 0), Console.Out); break;
    case "metrics":
        PrintMachine();
        await new MetricsBenchmark(Opt("--trials", 2_000, min: 2), Opt("--slots", 16)).RunAsync(Console.Out);
        break;
    case "scale":
        PrintMachine();
        await new ScaleBenchmark(Opt("--trials", 100_000), Opt("--run-seconds", 20), Opt("--concurrency", 64), Opt("--analysis-trials", 18_000)).RunAsync(Console.Out);
        break;
    case "memory":
        var modelsAt = argsList.IndexOf("--models");
        var models = modelsAt >= 0 && modelsAt + 1 < argsList.Count ? argsList[modelsAt + 1].Split(',') : ["tiny-bert", "minilm", "bert-base-uncased"];
        var rolesAt = argsList.IndexOf("--roles");
        HashSet<Sweep.Bench.Memory.MemoryCaseRole>? roles = null;
        if (rolesAt >= 0 && rolesAt + 1 < argsList.Count)
        {
            roles = [];
            foreach (var name in argsList[rolesAt + 1].Split(','))
            {
                if (!Enum.TryParse<Sweep.Bench.Memory.MemoryCaseRole>(name.Replace("-", ""), ignoreCase: true, out var role))
                {
                    Console.Error.WriteLine($"--roles: '{name}' is not one of grid, slope, held-out");
                    return 2;
                }
                roles.Add(role);
            }
        }
        new Sweep.Bench.Memory.MemoryBenchmark(Opt("--batch", 8), Opt("--seq", 32), Opt("--steps", 3), Opt("--threads", 1), Opt("--rounds", 3), models, roles).Run(Console.Out);
        break;
    case "nf4":
        PrintMachine();
        var deviceAt = argsList.IndexOf("--device");
        var device = deviceAt >= 0 && deviceAt + 1 < argsList.Count ? torch.device(argsList[deviceAt + 1]) : torch.CPU;
        Nf4Benchmark.Run(device, Opt("--repeats", 10), includeBf16: argsList.Contains("--bf16"), log: Console.Out);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{which}' (known: core, lm-profile, nf4, orchestration, analyze, scale, metrics, azure, memory)");
        return 2;
}
if (which != "core") Console.WriteLine($"load average at the end {MachineInfo.LoadAverage()}");
return 0;

void PrintMachine() =>
    Console.WriteLine($"machine: {MachineInfo.Current()}; torch threads {torch.get_num_threads()}; load average {MachineInfo.LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
