using Sweep.Training.Adapters;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Models;

[Category(Category.Training)]
public sealed class ModelShapeTests
{
    [Fact]
    public void BertHasHuggingFaceParameterNames()
    {
        var model = new BertForSequenceClassification(BertConfig.Tiny);
        var names = model.state_dict().Keys.ToHashSet();
        Assert.Contains("bert.embeddings.word_embeddings.weight", names);
        Assert.Contains("bert.embeddings.LayerNorm.weight", names);
        Assert.Contains("bert.encoder.layer.1.attention.self.query.weight", names);
        Assert.Contains("bert.encoder.layer.1.attention.output.dense.bias", names);
        Assert.Contains("bert.encoder.layer.1.attention.output.LayerNorm.weight", names);
        Assert.Contains("bert.encoder.layer.0.intermediate.dense.weight", names);
        Assert.Contains("bert.encoder.layer.0.output.dense.weight", names);
        Assert.Contains("bert.pooler.dense.weight", names);
        Assert.Contains("classifier.weight", names);
        Assert.Equal(new long[] { 128, 64 }, model.state_dict()["bert.encoder.layer.0.intermediate.dense.weight"].shape);
    }

    [Fact]
    public void BertBaseTargetsAre73LinearsAndLoraR8Gives1340930Trainable()
    {
        var model = new BertForSequenceClassification(BertConfig.BertBaseUncased);
        Assert.Equal(73, AdapterInjector.Linears(model).Count);
        AdapterInjector.AttachLora(model, new AdapterPlan { Rank = 8 });
        AdapterInjector.FreezeAllButAdaptersAnd(model, model.HeadPrefixes);
        var trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        Assert.Equal(1_340_930, trainable);
    }

    [Fact]
    public void Gpt2HasHuggingFaceNamesAndCausalOutputs()
    {
        manual_seed(1);
        var model = new Gpt2LMHeadModel(Gpt2Config.Tiny with { EmbdPdrop = 0, AttnPdrop = 0, ResidPdrop = 0 });
        model.eval();
        var names = model.state_dict().Keys.ToHashSet();
        Assert.Contains("transformer.wte.weight", names);
        Assert.Contains("transformer.h.1.attn.c_attn.weight", names);
        Assert.Contains("transformer.h.1.mlp.c_proj.weight", names);
        Assert.Contains("transformer.ln_f.bias", names);
        Assert.DoesNotContain("lm_head.weight", names); // tied to wte
        using var ids = randint(0, 1000, new long[] { 2, 6 }, dtype: ScalarType.Int64);
        using var logits = model.forward(ids);
        Assert.Equal(new long[] { 2, 6, 50257 }, logits.shape);
        // Causality: changing the last token leaves earlier positions' logits unchanged.
        using var ids2 = ids.clone();
        ids2[.., 5] = tensor(7L);
        using var logits2 = model.forward(ids2);
        Assert.True(logits[.., ..5].allclose(logits2[.., ..5], rtol: 1e-5, atol: 1e-5));
        Assert.False(logits[.., 5].allclose(logits2[.., 5]));
    }
}
