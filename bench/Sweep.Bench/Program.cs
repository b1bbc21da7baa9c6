using Sweep.Bench;
using TorchSharp;

// Benchmarks print ratios against a reference measured in the same run (machines are shared and noisy).
// Usage: dotnet run -c Release --project bench/Sweep.Bench -- [core] [--layers N] [--batch B] [--seq T] [--repeats R] [--threads N]
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
    default:
        Console.Error.WriteLine($"unknown benchmark '{which}' (known: core)");
        return 2;
}
return 0;
