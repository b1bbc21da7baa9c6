using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Layers;
using Sweep.Training.Models;
using Sweep.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Bench;

/// <summary>
/// Training-core step benchmark on a BERT-base-shaped stack (hidden 768, FFN 3072, 12 heads):
/// LoRA step rate vs a plain matrix-product chain of the same shapes; LoRA vs full fine-tuning; bf16 vs fp32.
/// </summary>
public sealed class CoreBenchmark(int layers, int batch, int seqLen, int repeats)
{
    private const int Hidden = 768, Ffn = 3072, Heads = 12;

    public void Run(TextWriter o)
    {
        var tokens = (long)batch * seqLen;
        o.WriteLine($"BERT-base-shaped stack: {layers} layers, batch {batch} × {seqLen} tokens, torch threads {get_num_threads()}");
        // Matmul FLOPs of one forward: 6 linears (4·C² + 2·C·F per token) + attention (2 × 2·T·C per token).
        var fwd = 2.0 * tokens * layers * (4.0 * Hidden * Hidden + 2.0 * Hidden * Ffn) + 4.0 * tokens * seqLen * Hidden * layers;
        // A LoRA step needs the forward plus input gradients everywhere (base frozen): about 2× forward.
        var loraFlops = 2 * fwd;

        var mm = MatmulChain(tokens);
        var lora = StepSeconds(full: false, ScalarType.Float32);
        var full = StepSeconds(full: true, ScalarType.Float32);
        // Without native bf16 (AVX2-only CPUs) a bf16 step is many times slower: measure it once, without warm-up.
        var nativeBf16 = Sweep.Training.Devices.PrecisionSupport.HalfType(CPU) is not null;
        var loraBf16 = StepSeconds(full: false, ScalarType.BFloat16, quick: !nativeBf16);
        var loraNf4 = StepSeconds(full: false, ScalarType.Float32, Variant.Nf4);
        var ada = StepSeconds(full: false, ScalarType.Float32, Variant.AdaLora);
        var adaOrth = StepSeconds(full: false, ScalarType.Float32, Variant.AdaLoraOrth);
        var adaFull = StepSeconds(full: false, ScalarType.Float32, Variant.AdaLoraAll);

        var mmRate = loraFlops / mm / 1e9;
        var loraRate = loraFlops / lora / 1e9;
        o.WriteLine($"plain matmul chain (same shapes, fwd + input-grad)   {mm * 1000,8:F1} ms  {mmRate,7:F1} GFLOP/s");
        o.WriteLine($"LoRA r=8 train step, fp32 base                        {lora * 1000,8:F1} ms  {loraRate,7:F1} GFLOP/s");
        o.WriteLine($"  ratio LoRA step rate / matmul rate                  {loraRate / mmRate,8:P0}   (goal ≥ 60%)");
        o.WriteLine($"full fine-tuning step, fp32                           {full * 1000,8:F1} ms");
        o.WriteLine($"  ratio LoRA / full step time                         {lora / full,8:F2}×");
        o.WriteLine($"LoRA r=8 train step, bf16 base                        {loraBf16 * 1000,8:F1} ms");
        o.WriteLine($"  ratio bf16 / fp32 step time                         {loraBf16 / lora,8:F2}×   (CPU bf16 support: {(Sweep.Training.Devices.PrecisionSupport.HalfType(CPU) is null ? "none — presets run fp32 here" : "yes")})");
        o.WriteLine($"LoRA r=8 train step, NF4 base (fp32 compute)          {loraNf4 * 1000,8:F1} ms");
        o.WriteLine($"  ratio NF4 / fp32 step time                          {loraNf4 / lora,8:F2}×   (goal ≤ 1.25×)");
        o.WriteLine($"AdaLoRA r=12 step: adapters only                      {ada * 1000,8:F1} ms   ({ada / lora,5:F2}× LoRA)");
        o.WriteLine($"  + orthogonal regularisation                         {adaOrth * 1000,8:F1} ms   ({adaOrth / lora,5:F2}× LoRA)");
        o.WriteLine($"  + rank allocator update (EMAs every step, mask every 10) {adaFull * 1000,5:F1} ms   ({adaFull / lora,5:F2}× LoRA; paper: 1.81×)");
    }

    // The linears' forward products and their input-gradient products, as bare mm calls.
    private double MatmulChain(long tokens)
    {
        using var scope = NewDisposeScope();
        var x = randn(tokens, Hidden);
        var h = randn(tokens, Ffn);
        var wC = randn(Hidden, Hidden);
        var wUp = randn(Hidden, Ffn);
        var wDown = randn(Ffn, Hidden);
        var q = randn(batch * Heads, seqLen, Hidden / Heads);
        return BenchTimer.MedianSeconds(() =>
        {
            using var s = NewDisposeScope();
            for (var l = 0; l < layers; l++)
            {
                for (var pass = 0; pass < 2; pass++)
                {
                    for (var i = 0; i < 4; i++) x.mm(wC);
                    x.mm(wUp);
                    h.mm(wDown);
                    q.bmm(q.transpose(1, 2)).bmm(q);
                }
            }
        }, repeats: repeats);
    }

    private enum Variant { Lora, Nf4, AdaLora, AdaLoraOrth, AdaLoraAll }

    private double StepSeconds(bool full, ScalarType baseDtype, Variant variant = Variant.Lora, bool quick = false)
    {
        manual_seed(1);
        var config = BertConfig.BertBaseUncased with { NumHiddenLayers = layers, HiddenDropoutProb = 0, AttentionProbsDropoutProb = 0 };
        using var model = new BertForSequenceClassification(config);
        if (baseDtype != ScalarType.Float32)
            foreach (var (_, l) in AdapterInjector.Linears(model)) l.StoreBaseAs(baseDtype);
        if (variant == Variant.Nf4)
            foreach (var (_, l) in AdapterInjector.Linears(model)) l.Quantize(doubleQuant: true, ScalarType.Float32);
        var adaptive = variant is Variant.AdaLora or Variant.AdaLoraOrth or Variant.AdaLoraAll;
        IReadOnlyList<(string Path, ILinearAdapter Adapter)> adapters = [];
        if (!full)
        {
            adapters = adaptive
                ? AdapterInjector.Attach(model, new AdapterPlan { Rank = 12 }, (_, l, r) => new AdaLoraAdapter(l.InFeatures, l.OutFeatures, r, 16))
                : AdapterInjector.AttachLora(model, new AdapterPlan { Rank = 8, Dropout = 0 });
            AdapterInjector.FreezeAllButAdaptersAnd(model, model.HeadPrefixes);
        }
        var ada = adapters.Select(a => a.Adapter).OfType<AdaLoraAdapter>().ToList();
        var orth = new OrthogonalRegularizer();
        using var allocator = variant == Variant.AdaLoraAll
            ? new RankAllocator(adapters.Select(a => (a.Path, (AdaLoraAdapter)a.Adapter)).ToList(), adapters.Count * 4, 0, 0, 100_000, 10)
            : null;
        var step = 0;
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        using var opt = new AdamW(trainable.Select(p => (p.name, p.parameter, AdamW.DecaysParameter(p.name))), 0.01);
        using var ids = randint(0, 30000, new long[] { batch, seqLen }, dtype: ScalarType.Int64);
        using var mask = ones_like(ids);
        using var types = zeros_like(ids);
        using var labels = randint(0, 2, new long[] { batch }, dtype: ScalarType.Int64);
        return BenchTimer.MedianSeconds(() =>
        {
            using var s = NewDisposeScope();
            var loss = nn.functional.cross_entropy(model.forward(ids, mask, types), labels);
            if (variant is Variant.AdaLoraOrth or Variant.AdaLoraAll) loss = loss + orth.Loss(ada);
            loss.backward();
            opt.Update(1e-4);
            allocator?.Update(++step);
            opt.ZeroGrad();
        }, warmup: quick ? 0 : 1, repeats: quick ? 1 : repeats);
    }
}
