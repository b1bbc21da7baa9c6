using Sweep.Training.Weights;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

[Category(Category.Unit)]
public sealed class StateDictLoaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("bert.")]
    public void BertCheckpointLoadsWithOrWithoutThePrefix(string prefix)
    {
        var model = ModuleTree.TinyBert();
        var stored = BertEncoderWeights(prefix);
        stored["cls.predictions.transform.dense.weight"] = randn(4, 4);
        stored["cls.seq_relationship.bias"] = randn(2);
        stored[prefix + "embeddings.position_ids"] = arange(8).unsqueeze(0);

        var report = StateDictLoader.Load(model, stored, "ckpt", KeyMapping.Bert.WithNewlyInitialised("classifier.*"));

        var sd = model.state_dict();
        Assert.True(sd["bert.encoder.layer.0.attention.self.query.weight"]
            .eq(stored[prefix + "encoder.layer.0.attention.self.query.weight"]).all().item<bool>());
        Assert.Equal(["classifier.bias", "classifier.weight"], report.NewlyInitialised.Order());
        Assert.Equal(3, report.IgnoredStoredKeys.Count);
        Assert.Equal(9, report.Loaded);
    }

    [Fact]
    public void OriginalBertLayerNormNamesGammaAndBetaAreRenamed()
    {
        var model = ModuleTree.TinyBert();
        var stored = BertEncoderWeights("bert.");
        var gamma = stored["bert.embeddings.LayerNorm.weight"];
        stored.Remove("bert.embeddings.LayerNorm.weight");
        stored.Remove("bert.embeddings.LayerNorm.bias");
        stored["bert.embeddings.LayerNorm.gamma"] = gamma;
        stored["bert.embeddings.LayerNorm.beta"] = randn(4);

        StateDictLoader.Load(model, stored, "ckpt", KeyMapping.Bert.WithNewlyInitialised("classifier.*"));

        Assert.True(model.state_dict()["bert.embeddings.LayerNorm.weight"].eq(gamma).all().item<bool>());
    }

    [Fact]
    public void ConvertsTheStoredDtypeToTheModels()
    {
        var model = ModuleTree.TinyBert();
        var stored = BertEncoderWeights("bert.").ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.BFloat16));

        StateDictLoader.Load(model, stored, "ckpt", KeyMapping.Bert.WithNewlyInitialised("classifier.*"));

        var w = model.state_dict()["bert.pooler.dense.weight"];
        Assert.Equal(ScalarType.Float32, w.dtype);
        Assert.True(w.eq(stored["bert.pooler.dense.weight"].to(ScalarType.Float32)).all().item<bool>());
    }

    [Fact]
    public void EveryProblemIsListedInOneMessage()
    {
        var model = ModuleTree.TinyBert();
        var before = model.state_dict()["bert.pooler.dense.bias"].clone();
        var stored = BertEncoderWeights("bert.");
        stored.Remove("bert.encoder.layer.0.attention.self.query.weight");
        stored["bert.encoder.layer.0.output.dense.weight"] = randn(4, 5);
        stored["bert.pooler.dense.weight"] = randn(3, 4);
        stored["bert.encoder.layer.7.attention.self.key.bias"] = randn(4);

        var e = Assert.Throws<InvalidInputException>(() => StateDictLoader.Load(model, stored, "/models/x", KeyMapping.Bert));

        Assert.StartsWith("/models/x:", e.Message);
        Assert.Contains("bert.encoder.layer.0.attention.self.query.weight [4, 4]", e.Message);
        Assert.Contains("classifier.weight [2, 4]", e.Message); // not declared newly initialised: missing
        Assert.Contains("bert.encoder.layer.7.attention.self.key.bias", e.Message);
        Assert.Contains("bert.encoder.layer.0.output.dense.weight: expected [4, 6], found [4, 5]", e.Message);
        Assert.Contains("bert.pooler.dense.weight: expected [4, 4], found [3, 4]", e.Message);
        // nothing was copied
        Assert.True(model.state_dict()["bert.pooler.dense.bias"].eq(before).all().item<bool>());
    }

    [Fact]
    public void Gpt2Conv1DWeightsAreTransposedAndLmHeadFilledFromWte()
    {
        var model = ModuleTree.TinyGpt2();
        var cAttn = arange(48, dtype: ScalarType.Float32).reshape(4, 12); // HF Conv1D: [in, out]
        var stored = new Dictionary<string, Tensor>
        {
            ["wte.weight"] = randn(5, 4),
            ["h.0.attn.c_attn.weight"] = cAttn,
            ["h.0.attn.c_attn.bias"] = randn(12),
            ["h.0.attn.bias"] = ones(1, 1, 8, 8), // causal mask buffer of old checkpoints
            ["h.0.mlp.c_fc.weight"] = randn(4, 16),
            ["h.0.mlp.c_fc.bias"] = randn(16),
            ["ln_f.weight"] = randn(4),
            ["ln_f.bias"] = randn(4),
        };

        var report = StateDictLoader.Load(model, stored, "gpt2", KeyMapping.Gpt2);

        var sd = model.state_dict();
        var w = sd["transformer.h.0.attn.c_attn.weight"];
        Assert.Equal(new long[] { 12, 4 }, w.shape);
        for (var o = 0; o < 12; o++)
            for (var i = 0; i < 4; i++)
                Assert.Equal(i * 12 + o, w[o, i].item<float>());
        Assert.Equal(["lm_head.weight"], report.FilledFromTied);
        Assert.True(sd["lm_head.weight"].eq(stored["wte.weight"]).all().item<bool>());
        Assert.Equal(["h.0.attn.bias"], report.IgnoredStoredKeys);
    }

    [Fact]
    public void StoredLmHeadIsIgnoredWhenTheModelTiesItWithoutAParameter()
    {
        var model = new ModuleTree()
            .Add("transformer.wte", nn.Embedding(5, 4))
            .Add("transformer.ln_f", nn.LayerNorm(4));
        var wte = randn(5, 4);
        var stored = new Dictionary<string, Tensor>
        {
            ["transformer.wte.weight"] = wte,
            ["lm_head.weight"] = wte.clone(),
            ["transformer.ln_f.weight"] = ones(4),
            ["transformer.ln_f.bias"] = zeros(4),
        };

        var report = StateDictLoader.Load(model, stored, "gpt2", KeyMapping.Gpt2);

        Assert.Equal(["lm_head.weight"], report.IgnoredStoredKeys);
        Assert.Equal(3, report.Loaded);
    }

    [Fact]
    public void ExportGivesHfLayoutThatLoadsBack()
    {
        var source = ModuleTree.TinyGpt2();
        var exported = StateDictExporter.Export(source, KeyMapping.Gpt2);

        Assert.DoesNotContain("lm_head.weight", exported.Keys);
        Assert.Equal(new long[] { 4, 12 }, exported["transformer.h.0.attn.c_attn.weight"].shape);
        Assert.True(exported["transformer.h.0.attn.c_attn.weight"]
            .eq(source.state_dict()["transformer.h.0.attn.c_attn.weight"].t()).all().item<bool>());

        using var dir = new TempDirectory("weights");
        HfCheckpoint.Write(dir.Path, exported);
        var target = ModuleTree.TinyGpt2();
        StateDictLoader.Load(target, HfCheckpoint.ReadStateDict(dir.Path), dir.Path, KeyMapping.Gpt2);
        foreach (var (key, value) in source.state_dict())
        {
            if (key != "lm_head.weight")
                Assert.True(target.state_dict()[key].eq(value).all().item<bool>(), key);
        }
    }

    private static Dictionary<string, Tensor> BertEncoderWeights(string prefix) => new()
    {
        [prefix + "embeddings.word_embeddings.weight"] = randn(10, 4),
        [prefix + "embeddings.LayerNorm.weight"] = randn(4),
        [prefix + "embeddings.LayerNorm.bias"] = randn(4),
        [prefix + "encoder.layer.0.attention.self.query.weight"] = randn(4, 4),
        [prefix + "encoder.layer.0.attention.self.query.bias"] = randn(4),
        [prefix + "encoder.layer.0.output.dense.weight"] = randn(4, 6),
        [prefix + "encoder.layer.0.output.dense.bias"] = randn(4),
        [prefix + "pooler.dense.weight"] = randn(4, 4),
        [prefix + "pooler.dense.bias"] = randn(4),
    };
}
