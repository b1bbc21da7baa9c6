using Sweep.Bench;
using Sweep.Training.Quantization;
using TorchSharp;

// Benchmarks print ratios against a reference measured in the same run (machines are shared and noisy).
// Usage: dotnet run -c Release --project bench/Sweep.Bench -- [core|nf4|orchestration] [--layers N] [--batch B] [--seq T] [--repeats R] [--threads N]
//        nf4 [--bf16] [--device D]: NF4 quantization time and dequantize+matmul vs fp32 (issue 3)
//        orchestration [--trials N] [--slots S] [--cpu-trials M]: per-trial overhead, aggregation rate, 2 vs 1 workers (issue 4)
var argsList = args.ToList();
int Opt(string name, int fallback)
{
    var i = argsList.IndexOf(name);
    return i >= 0 && i + 1 < argsList.Count && int.TryParse(argsList[i + 1], out var v) ? v : fallback;
}
var threads = Opt("--threads", Environment.ProcessorCount);
torch.set_num_threads(threads);
var which = argsList.FirstOrDefault(a => !a.StartsWith("--") && !int.TryParse(a, out _)) ?? "core";
switch (which)
{
    case "core":
        new CoreBenchmark(Opt("--layers", 2), Opt("--batch", 8), Opt("--seq", 128), Opt("--repeats", 5)).Run(Console.Out);
        break;
    case "orchestration":
        await new OrchestrationBenchmark(Opt("--trials", 10_000), Opt("--slots", 4), Opt("--cpu-trials", 24)).RunAsync(Console.Out);
        break;
    case "nf4":
        var deviceAt = argsList.IndexOf("--device");
        var device = deviceAt >= 0 && deviceAt + 1 < argsList.Count ? torch.device(argsList[deviceAt + 1]) : torch.CPU;
        Nf4Benchmark.Run(device, Opt("--repeats", 10), includeBf16: argsList.Contains("--bf16"), log: Console.Out);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{which}' (known: core, nf4, orchestration)");
        return 2;
}
return 0;
