using System.Text.Json.Serialization;
using Sweep.Settings;

namespace Sweep.Training.Models;

/// <summary>Hugging Face BERT <c>config.json</c> fields the model uses.</summary>
public sealed record BertConfig
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 30522;
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 768;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 12;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 12;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 3072;
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";
    [JsonPropertyName("hidden_dropout_prob")] public double HiddenDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("attention_probs_dropout_prob")] public double AttentionProbsDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 512;
    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;
    [JsonPropertyName("num_labels")] public int NumLabels { get; init; } = 2;
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "bert";

    /// <summary>bert-base-uncased, exactly as its config.json.</summary>
    public static BertConfig BertBaseUncased => new();

    /// <summary>all-MiniLM-L6-v2 (6 layers, hidden 384, 12 heads, FFN 1536).</summary>
    public static BertConfig MiniLmL6 => new() { HiddenSize = 384, NumHiddenLayers = 6, NumAttentionHeads = 12, IntermediateSize = 1536 };

    /// <summary>A small BERT for tests (the bert-base-uncased vocabulary, 2 layers of width 64).</summary>
    public static BertConfig Tiny => new() { HiddenSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 4, IntermediateSize = 128, MaxPositionEmbeddings = BuiltInModels.TinyBert.MaxPositions };

    /// <summary>Embeddings plus, per layer, attention (4 h²) and the feed-forward pair (2 h × intermediate); biases and norms left out.</summary>
    [JsonIgnore] public double EstimatedParameters =>
        ((double)VocabSize + MaxPositionEmbeddings + TypeVocabSize) * HiddenSize
        + (double)NumHiddenLayers * (4.0 * HiddenSize * HiddenSize + 2.0 * HiddenSize * IntermediateSize);

    public void Validate(string source)
    {
        if (HiddenSize <= 0 || NumHiddenLayers <= 0 || NumAttentionHeads <= 0 || IntermediateSize <= 0 || VocabSize <= 0)
            throw new InvalidInputException($"{source}: sizes must be positive");
        if (HiddenSize % NumAttentionHeads != 0)
            throw new InvalidInputException($"{source}: hidden_size {HiddenSize} is not a multiple of num_attention_heads {NumAttentionHeads}");
        if (HiddenAct is not ("gelu" or "gelu_new" or "relu"))
            throw new InvalidInputException($"{source}: hidden_act '{HiddenAct}' is not supported (gelu, gelu_new, relu)");
        ModelSizeCheck.Fits(EstimatedParameters, source, "vocab_size, hidden_size, num_hidden_layers, intermediate_size, max_position_embeddings");
    }

    public static BertConfig FromJson(string json, string source)
    {
        var c = HfConfigFile.Deserialize<BertConfig>(json, source);
        c.Validate(source);
        return c;
    }
}
