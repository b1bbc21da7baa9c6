using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using Sweep.Training.Weights.Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

/// <summary>
/// The imported MiniLM weights against an independent reference: ONNX Runtime running the same ONNX file on real
/// sentences. Any misnamed or mis-oriented weight changes <c>last_hidden_state</c> far beyond the tolerance.
/// </summary>
[Category(Category.Training)]
public sealed class MiniLmOnnxRuntimeTests(ITestOutputHelper output)
{
    internal static readonly string[] Sentences =
    [
        "The movie was a delight from start to finish.",
        "Terrible service; I will never come back.",
        "Hello world",
        "A gripping, well-acted thriller with a twist nobody saw coming.",
    ];

    [Fact]
    public void TokenizerGivesBertBaseUncasedIds()
    {
        var tokenizer = Tokenizer();

        // bert-base-uncased: [CLS]=101, hello=7592, world=2088, [SEP]=102
        Assert.Equal([101, 7592, 2088, 102], tokenizer.EncodeToIds("Hello world", addSpecialTokens: true));
    }

    [Fact]
    public void ImportedWeightsMatchOnnxRuntimeOnRealSentences()
    {
        var (ids, mask, types) = Batch(Tokenizer(), Sentences);
        var expected = RunOnnx(ids, mask, types); // (B, T, 384)

        var weights = OnnxBertImporter.ImportMiniLm().StateDict;
        using var _ = no_grad();
        var actual = ReferenceBertForward.LastHiddenState(weights, ids, mask, types,
            MiniLmResources.NumLayers, MiniLmResources.NumHeads, MiniLmResources.LayerNormEps);

        Assert.Equal(expected.shape, actual.shape);
        var maxAbs = (actual - expected).abs().max().item<float>();
        output.WriteLine($"MiniLM last_hidden_state {Shape(actual)}: max |reference forward − onnxruntime| = {maxAbs:g3}");
        Assert.True(maxAbs <= 1e-4, $"max |ours − onnxruntime| = {maxAbs:g3}");
    }

    internal static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    internal static BertTokenizer Tokenizer()
    {
        using var vocab = MiniLmResources.OpenVocab();
        return BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
    }

    /// <summary>Token ids, attention mask and token types (all int64, (B, T)), padded with [PAD] = 0.</summary>
    internal static (Tensor Ids, Tensor Mask, Tensor Types) Batch(BertTokenizer tokenizer, IReadOnlyList<string> sentences)
    {
        var encoded = sentences.Select(s => tokenizer.EncodeToIds(s, addSpecialTokens: true)).ToList();
        var t = encoded.Max(e => e.Count);
        var ids = new long[sentences.Count * t];
        var mask = new long[sentences.Count * t];
        for (var b = 0; b < encoded.Count; b++)
        {
            for (var i = 0; i < encoded[b].Count; i++)
            {
                ids[b * t + i] = encoded[b][i];
                mask[b * t + i] = 1;
            }
        }
        long[] shape = [sentences.Count, t];
        return (tensor(ids).reshape(shape), tensor(mask).reshape(shape), zeros(shape, ScalarType.Int64));
    }

    /// <summary>An output of ONNX Runtime for the same inputs: by default last_hidden_state (B, T, C); the pooler's is output 1.</summary>
    internal static Tensor RunOnnx(Tensor ids, Tensor mask, Tensor types, int output = 0)
    {
        using var session = new InferenceSession(MiniLmResources.ReadOnnx());
        var outputName = session.OutputNames[output];
        long[] shape = [ids.shape[0], ids.shape[1]];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids.data<long>().ToArray(), shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask.data<long>().ToArray(), shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types.data<long>().ToArray(), shape);
        using var options = new RunOptions();
        using var outputs = session.Run(options, ["input_ids", "attention_mask", "token_type_ids"],
            [idsValue, maskValue, typesValue], [outputName]);
        var info = outputs[0].GetTensorTypeAndShape();
        return tensor(outputs[0].GetTensorDataAsSpan<float>().ToArray()).reshape(info.Shape);
    }
}
