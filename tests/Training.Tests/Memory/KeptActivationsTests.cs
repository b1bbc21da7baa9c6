using Sweep.Settings;
using Sweep.Training.Memory;
using Sweep.Training.Models;
using Sweep.Training.Trials;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Memory;

/// <summary>
/// The activation count against what libtorch really keeps: a real model of each family with the preset's adapters,
/// in training mode, runs a forward pass; the native heap in use after it, less before it, is what autograd keeps
/// for backward (plus the small output), the median of three passes. Each model runs a warm-up pass first (libtorch's first calls allocate once
/// for good). Random weights: what is kept does not depend on the values. Alone, never beside other tests: the heap is
/// the whole process's (and building a model draws from torch's process-wide generator).
/// </summary>
[Category(Category.Unit)]
[Collection(GlobalTorchRandom.Name)]
public sealed class KeptActivationsTests
{
    private const double MiB = 1048576.0;

    private static long KeptByForward(string model, string preset, int batch, int seqLen, double loraDropout) =>
        MedianHeapChange(model, preset, batch, seqLen, loraDropout, backward: false);

    /// <summary>The native heap's change over a forward pass (what it keeps, with its small output alive), or over a
    /// forward and backward pass inside a step's dispose scope before it ends; the median of three passes after a warm-up.</summary>
    private static long MedianHeapChange(string model, string preset, int batch, int seqLen, double loraDropout, bool backward)
    {
        var kind = TrialMemory.Dimensions(model).IsGpt2 ? TaskKind.LanguageModelling : TaskKind.Classification;
        var prepared = TrialPreparation.Prepare(model, kind, preset, 8, seed: 1, "cpu", loadWeights: false, dropout: loraDropout);
        using var module = prepared.Model.Module;
        module.train();
        using var ids = randint(0, 1000, [batch, seqLen]);
        using var mask = ones(batch, seqLen, dtype: ScalarType.Int64);
        using var types = zeros(batch, seqLen, dtype: ScalarType.Int64);
        Tensor Forward() => kind == TaskKind.Classification
            ? ((ISequenceClassifier)module).Logits(ids, mask, types)
            : ((ICausalLm)module).Hidden(ids);
        long Pass()
        {
            using var scope = NewDisposeScope();
            module.zero_grad();
            var before = NativeHeapInUse.Bytes();
            var output = Forward();
            if (backward) output.pow(2).sum().backward();
            return NativeHeapInUse.Bytes() - before;
        }
        Pass();
        var changes = new[] { Pass(), Pass(), Pass() };
        return changes.Order().ElementAt(1);
    }

    /// <summary>What the count says one forward pass keeps: every layer and the embeddings (the peak adds one layer's gradients).</summary>
    private static double Counted(string model, int batch, int seqLen, bool loraDropout)
    {
        var m = TrialMemory.Dimensions(model);
        var perToken = m.Layers * ActivationCount.PerTokenAndLayer(m, seqLen, loraDropout) + ActivationCount.EmbeddingWidths * m.Hidden;
        return perToken * batch * seqLen * 4;
    }

    [Theory]
    [InlineData("tiny-bert", 32, 128, 0.1)]
    [InlineData("tiny-bert", 32, 128, 0.0)]
    [InlineData("minilm", 8, 64, 0.1)]
    [InlineData("tiny-gpt2", 16, 64, 0.1)]   // GPT-2's own layer: fused q, k, v, pre-norm, tanh GELU
    [InlineData("tiny-gpt2", 8, 128, 0.0)]
    [InlineData("gpt2", 4, 128, 0.1)]        // GPT-2 small, random weights: 776 MiB kept at 4 × 128 tokens
    public void The_count_is_what_autograd_keeps_within_5_percent(string model, int batch, int seqLen, double loraDropout)
    {
        set_num_threads(1);
        var kept = KeptByForward(model, "B-FP", batch, seqLen, loraDropout);
        var counted = Counted(model, batch, seqLen, loraDropout > 0);
        Assert.True(Math.Abs(kept / counted - 1) <= 0.05,
            $"{model} b{batch} t{seqLen} lora_dropout {loraDropout}: kept {kept / MiB:0.0} MiB, counted {counted / MiB:0.0} MiB ({kept / counted:0.000})");
    }

    /// <summary>Written as dequantize-then-linear, autograd kept each NF4 layer's fp32 weight until backward: 38 MiB
    /// more than fp32 on MiniLM at 8 × 64 (all targets but the first layer's q, k, v). The NF4 matmul now makes W again
    /// in backward, so a forward pass keeps what an fp32 base's does.</summary>
    [Fact]
    public void An_nf4_base_keeps_no_dequantized_weights_until_backward()
    {
        set_num_threads(1);
        var extra = KeptByForward("minilm", "B-Q4", 8, 64, 0.1) - KeptByForward("minilm", "B-FP", 8, 64, 0.1);
        var m = TrialMemory.Dimensions("minilm");
        var writtenOut = 4.0 * (m.TargetWeights - 3L * m.Hidden * m.Hidden); // what dequantize-then-linear kept
        Assert.True(writtenOut > 30 * MiB, $"{writtenOut / MiB:0.0} MiB");
        Assert.True(Math.Abs(extra) <= 0.1 * writtenOut,
            $"NF4 kept {extra / MiB:0.0} MiB more than fp32 (dequantize-then-linear keeps {writtenOut / MiB:0.0} MiB)");
    }

    /// <summary>The NF4 matmul's backward hands its gradients to libtorch and releases its own wrappers, so after
    /// backward (before the step's dispose scope ends) an NF4 model holds what an fp32 one does.</summary>
    [Fact]
    public void An_nf4_backward_holds_no_more_than_an_fp32_one_until_the_step_ends()
    {
        set_num_threads(1);
        var extra = MedianHeapChange("minilm", "B-Q4", 8, 64, 0.1, backward: true) - MedianHeapChange("minilm", "B-FP", 8, 64, 0.1, backward: true);
        var m = TrialMemory.Dimensions("minilm");
        var inputGradients = 8.0 * 64 * 4 * m.Layers * (5 * m.Hidden + m.Intermediate); // every target's ∂L/∂x, fp32
        Assert.True(Math.Abs(extra) <= 0.15 * inputGradients,
            $"NF4 held {extra / MiB:0.0} MiB more than fp32 after backward (its targets' input gradients are {inputGradients / MiB:0.0} MiB)");
    }
}
