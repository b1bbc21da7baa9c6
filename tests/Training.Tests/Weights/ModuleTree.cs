using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

/// <summary>A bare module to build named trees in tests (HF-style names such as <c>bert.encoder.layer.0.attention</c>).</summary>
internal sealed class ModuleTree : nn.Module
{
    public ModuleTree() : base(nameof(ModuleTree))
    {
    }

    /// <summary>Registers <paramref name="module"/> under a dotted path, creating intermediate nodes.</summary>
    public ModuleTree Add(string path, nn.Module module)
    {
        var parts = path.Split('.');
        var node = this;
        foreach (var part in parts[..^1])
        {
            var child = node.named_children().FirstOrDefault(c => c.name == part).module;
            if (child is null)
            {
                child = new ModuleTree();
                node.register_module(part, child);
            }
            node = (ModuleTree)child;
        }
        node.register_module(parts[^1], module);
        return this;
    }

    /// <summary>A small BERT-for-classification tree with the HF names (hidden 4, vocab 10, 2 labels).</summary>
    public static ModuleTree TinyBert() => new ModuleTree()
        .Add("bert.embeddings.word_embeddings", nn.Embedding(10, 4))
        .Add("bert.embeddings.LayerNorm", nn.LayerNorm(4))
        .Add("bert.encoder.layer.0.attention.self.query", nn.Linear(4, 4))
        .Add("bert.encoder.layer.0.output.dense", nn.Linear(6, 4))
        .Add("bert.pooler.dense", nn.Linear(4, 4))
        .Add("classifier", nn.Linear(4, 2));

    /// <summary>A small GPT-2 LM tree with the HF names (n_embd 4, vocab 5), lm_head untied in storage.</summary>
    public static ModuleTree TinyGpt2() => new ModuleTree()
        .Add("transformer.wte", nn.Embedding(5, 4))
        .Add("transformer.h.0.attn.c_attn", nn.Linear(4, 12))
        .Add("transformer.h.0.mlp.c_fc", nn.Linear(4, 16))
        .Add("transformer.ln_f", nn.LayerNorm(4))
        .Add("lm_head", nn.Linear(4, 5, hasBias: false));
}
