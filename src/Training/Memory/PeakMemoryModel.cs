using Sweep.Settings;
using Sweep.Training.Trainer;

namespace Sweep.Training.Memory;

/// <summary>What a prediction is made of, in bytes; <see cref="Total"/> is the predicted peak.</summary>
/// <param name="BaseCopies">the base weight a step makes in the matmul's type beside its stored form: an NF4 layer's
/// dequantized weight, a mixed-precision layer's 16-bit copy; one layer's at a time (made again in backward, not kept).</param>
public sealed record MemoryPrediction(long Runtime, long Weights, long Adapters, long OptimizerState, long Activations, long Loading, long TrainableParameters,
    long BaseCopies = 0)
{
    /// <summary>The largest of loading (fp32 weights before conversion) and training (converted weights, their copies in a
    /// step, adapters, optimizer, activations), over the runtime.</summary>
    public long Total => Runtime + Math.Max(Loading, Weights + BaseCopies + Adapters + OptimizerState + Activations);
}

/// <summary>One trial as far as memory goes.</summary>
/// <param name="HalfBytes">bytes per value of the 16-bit base where the device has a 16-bit type; 4 where it runs fp32 (CPUs without bf16).</param>
/// <param name="Host">true: the trial process's resident memory (runtime, libtorch, tokenizer and model on a CPU); false: device memory of a GPU.</param>
/// <param name="ExtraLoadBytes">what reading the weights keeps beside the built model while it loads (an imported file, a state dict).</param>
/// <param name="LoraDropout">whether the adapters drop their inputs (lora_dropout &gt; 0): their dropouts keep masks.</param>
public sealed record MemoryRecipe(ModelDimensions Model, PresetDefinition Preset, int Rank, int Batch, int SeqLen, int HalfBytes, bool Host,
    long ExtraLoadBytes = 0, bool LoraDropout = true);

/// <summary>
/// Predicts a trial's peak memory from model × preset × batch × sequence length (pure; unit-tested; checked against
/// peaks measured by <c>bench memory</c> on trials none of its constants came from, see docs/training.md). Derived:
/// <list type="bullet">
/// <item>weights: targets at the preset's base precision (fp32, 16-bit or NF4 with double-quantized absmax per 64 values),
/// everything else (embeddings, norms, head) fp32; while loading, the whole model is fp32 first;</item>
/// <item>adapters: r × (in + out) per target (AdaLoRA: its initial rank, plus Λ), fp32, with gradients;</item>
/// <item>optimizer: AdamW's two moments per trainable value (AdaLoRA: plus its two importance averages);</item>
/// <item>activations kept for the backward pass: counted from the forward code (<see cref="ActivationCount"/>), at the
/// trial's max_length or the model's positions, whichever is shorter (longer inputs are truncated);</item>
/// <item>base copies: an NF4 or mixed-precision layer makes its weight in the matmul's type for each matmul, in forward
/// and again in backward (<c>RebuiltWeightMatmul</c>: autograd keeps none of them), so one layer's weight at a time;</item>
/// <item>GPT-2's loss (<c>ChunkedLmLoss</c>): a contiguous Wᵀ of the tied embedding and a chunk's logits and log-softmax,
/// 128 positions at a time, while the model's activations are kept.</item>
/// </list>
/// Measured (<see cref="MeasuredMemory"/>): the idle trial process, a model directory's load and NF4's quantization.
/// </summary>
public static class PeakMemoryModel
{
    /// <summary>The measured idle trial process (<see cref="MeasuredMemory.RuntimeBytes"/>).</summary>
    public static long RuntimeBytes => MeasuredMemory.Default.RuntimeBytes;
    /// <summary>NF4: half a byte per value, one 8-bit absmax per 64 values and one fp32 constant per 256 absmax blocks.</summary>
    public const double Nf4BytesPerValue = 0.5 + 1.0 / 64 + 4.0 / (64 * 256);

    public static MemoryPrediction Predict(MemoryRecipe r, MeasuredMemory? measured = null)
    {
        var c = measured ?? MeasuredMemory.Default;
        var m = r.Model;
        var targets = m.TargetWeights;
        var others = m.TotalParameters - targets;
        var baseBytes = r.Preset.Precision switch
        {
            BasePrecision.Nf4 => Nf4BytesPerValue,
            BasePrecision.Half16 => r.HalfBytes,
            _ => 4.0, // full and mixed keep fp32 storage
        };
        var weights = (long)(others * 4 + targets * baseBytes);

        var (attn, ffn, other) = m.TargetSides;
        long adapterValues;
        var perValueState = 3.0; // gradient + two AdamW moments
        if (r.Preset.AdaLora is { } ada)
        {
            adapterValues = (long)ada.InitRank * (attn + ffn + other) + (long)ada.InitRank * m.TargetCount;
            perValueState += 2; // importance and uncertainty averages
        }
        else
        {
            int RankOf(ModuleKind k) => r.Preset.RankByKind.TryGetValue(k, out var v) ? v : r.Rank;
            adapterValues = RankOf(ModuleKind.Attention) * attn + RankOf(ModuleKind.FeedForward) * ffn + RankOf(ModuleKind.Other) * other;
        }
        var head = m.IsGpt2 ? 0 : 2L * m.Hidden + 2;
        var trainable = adapterValues + head;
        var adapters = trainable * 4;
        var optimizer = (long)(trainable * 4 * perValueState);

        // without a 16-bit type everything is fp32; with one, linear outputs are 16-bit and norms, softmax and adapters fp32
        var valueBytes = r.HalfBytes >= 4 ? 4.0 : 3.0;
        var seqLen = Math.Min(r.SeqLen, m.Positions);
        double tokens = (double)r.Batch * seqLen;
        var activations = (long)(tokens * ActivationCount.PerToken(m, seqLen, r.LoraDropout) * valueBytes + (m.IsGpt2 ? LmLossBytes(m, tokens, r.HalfBytes) : 0));
        var copyBytes = r.Preset.Precision switch
        {
            BasePrecision.Nf4 => r.HalfBytes,                        // dequantized to the compute type (fp32 without a 16-bit one)
            BasePrecision.Mixed when r.HalfBytes < 4 => r.HalfBytes, // fp32 storage, a 16-bit copy per matmul
            _ => 0,                                                  // stored as computed: autograd keeps the weight itself
        };
        var largestTarget = (long)m.Hidden * m.Intermediate; // the FFN's matrices: the largest weight made at once
        var baseCopies = copyBytes * largestTarget;

        var quantizing = r.Preset.Precision == BasePrecision.Nf4 ? (long)(targets * Nf4BytesPerValue * c.Nf4QuantizeFactor) : 0;
        var loading = (long)(m.TotalParameters * 4.0) + r.ExtraLoadBytes + quantizing;
        return new MemoryPrediction(r.Host ? c.RuntimeBytes : 0, weights, adapters, optimizer, activations, loading, trainable, baseCopies);
    }

    /// <summary>GPT-2's loss while the activations are kept: Wᵀ as a contiguous (C, V) matrix in the matmul's type, a
    /// chunk's logits and their log-softmax (fp32), and the hidden states' gradient (fp32, kept for backward).</summary>
    private static double LmLossBytes(ModelDimensions m, double tokens, int halfBytes) =>
        (double)m.Hidden * m.Vocab * halfBytes + 2.0 * Math.Min(ChunkedLmLoss.DefaultChunkRows, tokens) * m.Vocab * 4 + tokens * m.Hidden * 4;
}
