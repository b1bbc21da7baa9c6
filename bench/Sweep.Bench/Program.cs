using Sweep.Training.Quantization;

// `dotnet run -c Release --project bench/Sweep.Bench -- nf4 [--bf16] [DEVICE]` runs the NF4 benchmark (issue 3).
if (args.Length > 0 && args[0] == "nf4")
{
    var bf16 = args.Contains("--bf16");
    var deviceName = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
    var device = deviceName is null ? TorchSharp.torch.CPU : TorchSharp.torch.device(deviceName);
    Nf4Benchmark.Run(device, includeBf16: bf16, log: Console.Out);
    return;
}
Console.WriteLine("benchmarks: see docs/benchmarks.md");
