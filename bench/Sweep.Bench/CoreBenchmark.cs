using System.Diagnostics;
using Sweep.Bench.Timing;
using Sweep.Training.Devices;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Bench;

/// <summary>
/// Training-core step benchmark on a BERT-base-shaped stack (hidden 768, FFN 3072, 12 heads): a plain matrix-product
/// chain of the same shapes as the reference rate; LoRA r=8 (fp32) as the reference step; full fine-tuning, a bf16
/// base, an NF4 base and AdaLoRA r=12 in its parts against it. All variants are interleaved over the rounds in a
/// seeded random order (<see cref="InterleavedRuns"/>) and every ratio is taken within a round, then summarised as
/// median [IQR, range] over the rounds. Two language-model steps (a GPT-2-shaped model of the given width with the
/// 50,257-token vocabulary, LoRA r=8) are interleaved with them: the loss over whole logits (the earlier loss) and the
/// chunked loss the trainer uses, each as a ratio to the same round's matmul reference. With <c>lmOnly</c> the BERT
/// variants other than the reference are left out.
/// </summary>
public sealed class CoreBenchmark(int layers, int batch, int seqLen, int rounds, int seed, int lmWidth = 64, bool lmOnly = false)
{
    private const int Hidden = 768, Ffn = 3072, Heads = 12;
    private const string Matmul = "matmul", Lora = "lora", Full = "full", Bf16 = "bf16", Nf4 = "nf4",
        Ada = "adalora", AdaOrth = "adalora+orth", AdaAll = "adalora+orth+allocator", LmFull = "lm-full-logits", LmChunked = "lm-chunked";

    public void Run(TextWriter o)
    {
        var tokens = (long)batch * seqLen;
        o.WriteLine($"core benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: BERT-base-shaped stack, {layers} layers, batch {batch} × {seqLen} tokens");
        o.WriteLine($"machine: {MachineInfo.Current()}; torch threads {get_num_threads()}; load average {MachineInfo.LoadAverage()}");
        o.WriteLine($"{rounds} rounds, every variant once per round in a shuffled order (seed {seed}), one warm-up step each");
        // Matmul FLOPs of one forward: 6 linears (4·C² + 2·C·F per token) + attention (2 × 2·T·C per token).
        var fwd = 2.0 * tokens * layers * (4.0 * Hidden * Hidden + 2.0 * Hidden * Ffn) + 4.0 * tokens * seqLen * Hidden * layers;
        // A LoRA step needs the forward plus input gradients everywhere (base frozen): about 2× forward.
        var loraFlops = 2 * fwd;

        // Without native bf16 (e.g. AVX2/AVX-512 without avx512_bf16) a bf16 step is tens of times slower: it is timed
        // once after the rounds instead of in every round.
        var nativeBf16 = PrecisionSupport.HalfType(CPU) is not null && !lmOnly;
        var lm = Gpt2Config.Tiny with { NEmbd = lmWidth, NPositions = Math.Max(seqLen, Gpt2Config.Tiny.NPositions) };
        o.WriteLine($"language model: GPT-2-shaped, {lm.NLayer} layers, width {lm.NEmbd}, vocabulary {lm.VocabSize:N0}, LoRA r=8, batch {batch} × {seqLen} tokens");
        var runs = new InterleavedRuns()
            .Add(Matmul, () => new MatmulChain(layers, batch, seqLen, Hidden, Ffn, Heads), c => c.Run())
            .Add(LmFull, () => new LmTrainStep(LmLossKind.FullLogits, lm, batch, seqLen), s => s.Run())
            .Add(LmChunked, () => new LmTrainStep(LmLossKind.Chunked, lm, batch, seqLen), s => s.Run());
        if (!lmOnly) runs
            .Add(Lora, () => Step(CoreStepKind.Lora), s => s.Run())
            .Add(Full, () => Step(CoreStepKind.Full), s => s.Run())
            .Add(Nf4, () => Step(CoreStepKind.Nf4), s => s.Run())
            .Add(Ada, () => Step(CoreStepKind.AdaLora), s => s.Run())
            .Add(AdaOrth, () => Step(CoreStepKind.AdaLoraOrth), s => s.Run())
            .Add(AdaAll, () => Step(CoreStepKind.AdaLoraAll), s => s.Run());
        if (nativeBf16) runs.Add(Bf16, () => Step(CoreStepKind.Lora, ScalarType.BFloat16), s => s.Run());
        var clock = Stopwatch.StartNew();
        var samples = runs.Run(rounds, seed, (r, _) => Console.Error.Write(r == rounds ? $"{r}\n" : $"{r} "));
        double? bf16Once = null;
        if (!nativeBf16 && !lmOnly)
        {
            using var step = Step(CoreStepKind.Lora, ScalarType.BFloat16);
            var once = Stopwatch.StartNew();
            step.Run();
            bf16Once = once.Elapsed.TotalSeconds;
        }

        SampleSummary Ms(string name) => SampleSummary.Of(samples[name]).Scaled(1000);
        SampleSummary Ratio(string name, string reference) => SampleSummary.OfRatios(samples[name], samples[reference]);
        var mmRate = loraFlops / SampleSummary.Of(samples[Matmul]).Median / 1e9;
        o.WriteLine($"step times, ms, median [IQR, range] over {rounds} rounds:");
        o.WriteLine($"  plain matmul chain (same shapes, fwd + input-grad)  {Ms(Matmul).Format("F1")}  ({mmRate:F1} GFLOP/s at the median)");
        o.WriteLine($"  LM LoRA step, loss over whole logits (earlier)      {Ms(LmFull).Format("F1")}");
        o.WriteLine($"  LM LoRA step, chunked loss (the trainer's)          {Ms(LmChunked).Format("F1")}");
        if (!lmOnly) BertSteps(o, samples, Ms, loraFlops, nativeBf16);
        o.WriteLine("ratios within each round, median [IQR, range]:");
        o.WriteLine($"  LM step, whole logits / matmul reference   {Ratio(LmFull, Matmul).Format("F2", "×")}");
        o.WriteLine($"  LM step, chunked loss / matmul reference   {Ratio(LmChunked, Matmul).Format("F2", "×")}");
        o.WriteLine($"  LM step, chunked / whole logits            {Ratio(LmChunked, LmFull).Format("F2", "×")}");
        if (!lmOnly) BertRatios(o, samples, Ratio, bf16Once, nativeBf16);
        o.WriteLine($"done in {clock.Elapsed.TotalSeconds:F0} s; load average {MachineInfo.LoadAverage()}");
    }

    private static void BertSteps(TextWriter o, IReadOnlyDictionary<string, double[]> samples, Func<string, SampleSummary> ms, double loraFlops, bool nativeBf16)
    {
        var loraRate = loraFlops / SampleSummary.Of(samples[Lora]).Median / 1e9;
        o.WriteLine($"  LoRA r=8 train step, fp32 base                      {ms(Lora).Format("F1")}  ({loraRate:F1} GFLOP/s at the median)");
        o.WriteLine($"  full fine-tuning step, fp32                         {ms(Full).Format("F1")}");
        o.WriteLine($"  LoRA r=8 train step, NF4 base (fp32 compute)        {ms(Nf4).Format("F1")}");
        o.WriteLine($"  AdaLoRA r=12 step: adapters only                    {ms(Ada).Format("F1")}");
        o.WriteLine($"    + orthogonal regularisation                       {ms(AdaOrth).Format("F1")}");
        o.WriteLine($"    + rank allocator (EMAs every step, mask every 10) {ms(AdaAll).Format("F1")}");
        if (nativeBf16) o.WriteLine($"  LoRA r=8 train step, bf16 base                      {ms(Bf16).Format("F1")}");
    }

    private static void BertRatios(TextWriter o, IReadOnlyDictionary<string, double[]> samples, Func<string, string, SampleSummary> ratio,
        double? bf16Once, bool nativeBf16)
    {
        o.WriteLine($"  LoRA step rate / matmul rate   {ratio(Matmul, Lora).Scaled(100).Format("F0", "%")}   (goal ≥ 60%)");
        o.WriteLine($"  LoRA / full step time          {ratio(Lora, Full).Format("F2", "×")}");
        o.WriteLine($"  NF4 / fp32 LoRA step time      {ratio(Nf4, Lora).Format("F2", "×")}   (goal ≤ 1.25×)");
        o.WriteLine($"  AdaLoRA adapters / LoRA        {ratio(Ada, Lora).Format("F2", "×")}");
        o.WriteLine($"  AdaLoRA + orth. / LoRA         {ratio(AdaOrth, Lora).Format("F2", "×")}");
        o.WriteLine($"  AdaLoRA + allocator / LoRA     {ratio(AdaAll, Lora).Format("F2", "×")}   (paper: 1.81×)");
        o.WriteLine(nativeBf16
            ? $"  bf16 / fp32 LoRA step time     {ratio(Bf16, Lora).Format("F2", "×")}"
            : $"  bf16 / fp32 LoRA step time     {bf16Once / SampleSummary.Of(samples[Lora]).Median:F2}× (one bf16 step vs the LoRA median; presets run fp32 here)");
    }

    private CoreTrainStep Step(CoreStepKind kind, ScalarType baseDtype = ScalarType.Float32) =>
        new(kind, baseDtype, layers, batch, seqLen);
}
