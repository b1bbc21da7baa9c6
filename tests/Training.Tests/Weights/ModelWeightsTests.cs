using Sweep.Training.Models;
using Sweep.Training.Weights;
using Sweep.Training.Weights.Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

/// <summary>The weight formats against the production model classes (<see cref="Sweep.Training.Models"/>).</summary>
[Category(Category.Training)]
public sealed class ModelWeightsTests(ITestOutputHelper output)
{
    [Fact]
    public void OurBertWithImportedMiniLmMatchesOnnxRuntime()
    {
        var model = new BertForSequenceClassification(BertConfig.MiniLmL6);
        var report = StateDictLoader.Load(model, OnnxBertImporter.ImportMiniLm().StateDict, MiniLmResources.Source,
            KeyMapping.Bert.WithNewlyInitialised("classifier.*"));
        Assert.Equal(103, report.Loaded);
        Assert.Equal(["classifier.bias", "classifier.weight"], report.NewlyInitialised.Order());
        model.eval();

        var (ids, mask, types) = MiniLmOnnxRuntimeTests.Batch(MiniLmOnnxRuntimeTests.Tokenizer(), MiniLmOnnxRuntimeTests.Sentences);
        var expected = MiniLmOnnxRuntimeTests.RunOnnx(ids, mask, types); // (B, T, 384)
        using var _ = no_grad();
        var (hidden, pooled) = model.Encoder.forward(ids, mask, types);

        Assert.Equal(expected.shape, hidden.shape);
        var maxAbs = (hidden - expected).abs().max().item<float>();
        output.WriteLine($"Sweep BertModel (MiniLM) last_hidden_state {MiniLmOnnxRuntimeTests.Shape(hidden)}: max |ours − onnxruntime| = {maxAbs:g3}");
        Assert.True(maxAbs <= 1e-4, $"last_hidden_state: max |ours − onnxruntime| = {maxAbs:g3}");

        var expectedPooled = MiniLmOnnxRuntimeTests.RunOnnx(ids, mask, types, output: 1); // tanh(pooler.dense(h[:, 0])), (B, C)
        Assert.Equal(expectedPooled.shape, pooled.shape);
        var pooledMaxAbs = (pooled - expectedPooled).abs().max().item<float>();
        output.WriteLine($"pooler output {MiniLmOnnxRuntimeTests.Shape(pooled)}: max |ours − onnxruntime| = {pooledMaxAbs:g3}");
        Assert.True(pooledMaxAbs <= 1e-4, $"pooler output: max |ours − onnxruntime| = {pooledMaxAbs:g3}");
    }

    [Fact]
    public void Gpt2SavedInHfLayoutLoadsBackWithTheSameLogits()
    {
        manual_seed(1);
        var source = new Gpt2LMHeadModel(Gpt2Config.Tiny);
        source.eval();
        var exported = StateDictExporter.Export(source, KeyMapping.Gpt2);

        // HF GPT-2 layout: Conv1D weights [in, out], no lm_head (tied to wte).
        Assert.Equal(new long[] { 64, 192 }, exported["transformer.h.0.attn.c_attn.weight"].shape);
        Assert.Equal(new long[] { 64, 256 }, exported["transformer.h.1.mlp.c_fc.weight"].shape);
        Assert.Equal(new long[] { 256, 64 }, exported["transformer.h.1.mlp.c_proj.weight"].shape);
        Assert.DoesNotContain("lm_head.weight", exported.Keys);

        using var dir = new TempDirectory("weights");
        TorchBinFile.Write(dir.File("pytorch_model.bin"), exported);
        var target = new Gpt2LMHeadModel(Gpt2Config.Tiny);
        target.eval();
        StateDictLoader.Load(target, HfCheckpoint.ReadStateDict(dir.Path), dir.Path, KeyMapping.Gpt2);

        using var _ = no_grad();
        var ids = tensor(new long[] { 464, 3290, 318, 257, 922, 1110 }).unsqueeze(0); // (1, T)
        Assert.True(source.forward(ids).eq(target.forward(ids)).all().item<bool>());
    }

    [Fact]
    public void BertModelCheckpointWithoutPrefixLoadsIntoTheClassifier()
    {
        manual_seed(2);
        var source = new BertForSequenceClassification(BertConfig.Tiny);
        source.eval();
        // A BertModel checkpoint: no "bert." prefix, no classifier.
        var stored = StateDictExporter.Export(source, KeyMapping.Bert)
            .Where(kv => kv.Key.StartsWith("bert.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["bert.".Length..], kv => kv.Value);
        using var dir = new TempDirectory("weights");
        HfCheckpoint.Write(dir.Path, stored);

        var target = new BertForSequenceClassification(BertConfig.Tiny);
        target.eval();
        var report = StateDictLoader.Load(target, HfCheckpoint.ReadStateDict(dir.Path), dir.Path,
            KeyMapping.Bert.WithNewlyInitialised("classifier.*"));

        Assert.Equal(["classifier.bias", "classifier.weight"], report.NewlyInitialised.Order());
        using var _ = no_grad();
        var ids = tensor(new long[] { 101, 7592, 2088, 102 }).unsqueeze(0);
        var mask = ones_like(ids);
        var types = zeros_like(ids);
        Assert.True(source.Encoder.forward(ids, mask, types).Hidden.eq(target.Encoder.forward(ids, mask, types).Hidden).all().item<bool>());
    }
}
