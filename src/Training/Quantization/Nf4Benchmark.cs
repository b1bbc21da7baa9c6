using System.Diagnostics;
using Sweep.Training.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>One timed comparison: a linear layer's forward + backward with a dense fp32 base vs an NF4 base.</summary>
/// <param name="InFeatures">Layer input width.</param>
/// <param name="OutFeatures">Layer output width.</param>
/// <param name="Tokens">Rows of the input (batch × sequence).</param>
/// <param name="Fp32Ms">Median ms: dense fp32 matmul forward + backward to the input.</param>
/// <param name="Nf4Fp32Ms">Median ms: the same matmul forward + backward on an NF4 base as training runs it, dequantized to
/// fp32 in forward and again in backward (<see cref="Layers.RebuiltWeightMatmul"/>).</param>
/// <param name="Nf4Bf16Ms">Median ms: the same with the weight dequantized to bf16 and a bf16 matmul (null: not measured).</param>
/// <param name="DequantizeMs">Median ms of the fp32 dequantization alone (double-quantized weight).</param>
public sealed record Nf4MatmulTiming(long InFeatures, long OutFeatures, long Tokens, double Fp32Ms, double Nf4Fp32Ms, double? Nf4Bf16Ms,
    double DequantizeMs)
{
    public double Nf4Fp32Ratio => Nf4Fp32Ms / Fp32Ms;
    public double? Nf4Bf16Ratio => Nf4Bf16Ms / Fp32Ms;
}

/// <summary>Measured NF4 costs, all from one run (machines are shared: compare ratios, not absolutes).</summary>
/// <param name="QuantizeSeconds">Wall seconds to quantize the whole set (plain NF4).</param>
/// <param name="QuantizeCpuSeconds">Process CPU seconds over the same interval (all threads): less sensitive to other load.</param>
public sealed record Nf4BenchmarkResult(string Device, int Linears, long Parameters, double QuantizeSeconds,
    double QuantizeCpuSeconds, double QuantizeDoubleSeconds, double QuantizeDoubleCpuSeconds, double BitsPerParameter,
    double BitsPerParameterDouble, IReadOnlyList<Nf4MatmulTiming> Matmuls);

/// <summary>
/// The NF4 benchmark: quantization time for a BERT-base-sized weight set (73 linears: per layer
/// q, k, v, attention output 768×768, intermediate 3072×768, output 768×3072; plus the pooler 768×768), and
/// dequantize + matmul against a dense fp32 matmul for 768→768 and 768→3072 at 16 × 128 tokens.
/// </summary>
public static class Nf4Benchmark
{
    /// <param name="device">Where to run (CPU by default).</param>
    /// <param name="repetitions">Timed repetitions per matmul variant (after two warm-ups); the median is reported.</param>
    /// <param name="includeBf16">Also time NF4 → bf16 compute (slow on CPUs without fast bf16 backward kernels).</param>
    /// <param name="log">Progress lines, as measured.</param>
    public static Nf4BenchmarkResult Run(Device? device = null, int repetitions = 10, bool includeBf16 = false, TextWriter? log = null)
    {
        device ??= CPU;
        var shapes = BertBaseLinearShapes();
        var weights = new List<Tensor>(shapes.Count);
        var gen = new Generator(1234, device);
        foreach (var (o, i) in shapes)
            weights.Add((randn(new long[] { o, i }, generator: gen, device: device) * 0.02f).DetachFromDisposeScope());
        var parameters = shapes.Sum(s => s.Out * s.In);
        log?.WriteLine($"nf4: {shapes.Count} linears, {parameters:N0} weights on {device}");

        var plain = MeasureQuantization(weights, doubleQuant: false, device);
        var dq = MeasureQuantization(weights, doubleQuant: true, device);
        foreach (var w in weights) w.Dispose();
        log?.WriteLine($"nf4: quantize {plain.Seconds:F2} s wall / {plain.CpuSeconds:F2} s cpu ({plain.Bits:F3} bits/param); " +
                       $"double-quant {dq.Seconds:F2} s wall / {dq.CpuSeconds:F2} s cpu ({dq.Bits:F3} bits/param); " +
                       $"torch threads {get_num_threads()}");

        var timings = new List<Nf4MatmulTiming>();
        foreach (var (inF, outF) in new[] { (768L, 768L), (768L, 3072L) })
        {
            var t = TimeMatmul(inF, outF, 16 * 128, repetitions, includeBf16, device);
            timings.Add(t);
            var bf16 = t.Nf4Bf16Ms is { } ms ? $", nf4→bf16 {ms:F1} ms ({t.Nf4Bf16Ratio:F2}×)" : "";
            log?.WriteLine($"nf4: {inF}→{outF} × {t.Tokens} tokens fwd+bwd: fp32 {t.Fp32Ms:F1} ms, nf4→fp32 {t.Nf4Fp32Ms:F1} ms " +
                           $"({t.Nf4Fp32Ratio:F2}×){bf16}; dequantize alone {t.DequantizeMs:F1} ms");
        }
        return new Nf4BenchmarkResult(device.ToString(), shapes.Count, parameters, plain.Seconds, plain.CpuSeconds,
            dq.Seconds, dq.CpuSeconds, plain.Bits, dq.Bits, timings);
    }

    /// <summary>(out, in) of the 73 BERT-base linears that all-linear targets.</summary>
    public static IReadOnlyList<(long Out, long In)> BertBaseLinearShapes()
    {
        var shapes = new List<(long, long)>();
        for (var layer = 0; layer < 12; layer++)
        {
            for (var k = 0; k < 4; k++) shapes.Add((768, 768));   // query, key, value, attention.output.dense
            shapes.Add((3072, 768));                                // intermediate.dense
            shapes.Add((768, 3072));                                // output.dense
        }
        shapes.Add((768, 768));                                     // pooler.dense
        return shapes;
    }

    /// <summary>
    /// Wall and process-CPU seconds to quantize all <paramref name="weights"/> (after one warm-up), and the
    /// stored bits per value.
    /// </summary>
    public static (double Seconds, double CpuSeconds, double Bits) MeasureQuantization(IReadOnlyList<Tensor> weights,
        bool doubleQuant, Device device)
    {
        using (var warm = Nf4Weight.Quantize(weights[0], doubleQuant)) { }
        Synchronize(device);
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var quantized = weights.Select(w => Nf4Weight.Quantize(w, doubleQuant)).ToList();
        Synchronize(device);
        var seconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var bits = quantized.Sum(q => q.StorageBytes) * 8.0 / quantized.Sum(q => q.Count);
        foreach (var q in quantized) q.Dispose();
        return (seconds, cpuSeconds, bits);
    }

    private static Nf4MatmulTiming TimeMatmul(long inF, long outF, long tokens, int repetitions, bool includeBf16, Device device)
    {
        using var scope = NewDisposeScope();
        var weight = (randn(new long[] { outF, inF }, device: device) * 0.02f);        // (out, in) frozen
        using var q = Nf4Weight.Quantize(weight, doubleQuant: true);
        var x32 = randn(new long[] { tokens, inF }, device: device);                   // (N, in)
        var x16 = x32.to(bfloat16);

        double Dense() => Step(x => nn.functional.linear(x, weight), x32);
        double Nf4Fp32() => Step(x => RebuiltWeightMatmul.Apply(x, () => q.Dequantize(float32)), x32);
        double Nf4Bf16() => Step(x => RebuiltWeightMatmul.Apply(x, () => q.Dequantize(bfloat16)), x16);
        double DequantizeOnly()
        {
            using var stepScope = NewDisposeScope();
            Synchronize(device);
            var sw = Stopwatch.StartNew();
            q.Dequantize(float32);
            Synchronize(device);
            return sw.Elapsed.TotalMilliseconds;
        }

        double Step(Func<Tensor, Tensor> matmul, Tensor input)
        {
            using var stepScope = NewDisposeScope();
            Synchronize(device);
            var sw = Stopwatch.StartNew();
            var x = input.detach().requires_grad_(true);                               // (N, in): grads flow to the input
            var y = matmul(x);                                                         // (N, out)
            y.sum().backward();
            Synchronize(device);
            return sw.Elapsed.TotalMilliseconds;
        }

        // Interleave the variants so load changes on a shared machine hit all of them alike, and rotate which one goes
        // first each round so none always inherits the previous one's warm caches (or a fixed slot's quiet moments).
        var dense = new List<double>();
        var nf4 = new List<double>();
        var nf4Bf16 = new List<double>();
        var dequantize = new List<double>();
        var variants = new List<(Func<double> Measure, List<double> Samples)> { (Dense, dense), (Nf4Fp32, nf4), (DequantizeOnly, dequantize) };
        if (includeBf16) variants.Add((Nf4Bf16, nf4Bf16));
        for (var r = 0; r < repetitions + 2; r++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var (measure, samples) = variants[(r + k) % variants.Count];
                var ms = measure();
                if (r >= 2) samples.Add(ms);                                           // the first two rounds warm up
            }
        }
        return new Nf4MatmulTiming(inF, outF, tokens, Median(dense), Median(nf4), includeBf16 ? Median(nf4Bf16) : null,
            Median(dequantize));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize();
    }
}
