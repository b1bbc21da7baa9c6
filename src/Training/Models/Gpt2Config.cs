using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Settings;

namespace Sweep.Training.Models;

/// <summary>Hugging Face GPT-2 <c>config.json</c> fields the model uses.</summary>
public sealed record Gpt2Config
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 50257;
    [JsonPropertyName("n_positions")] public int NPositions { get; init; } = 1024;
    [JsonPropertyName("n_embd")] public int NEmbd { get; init; } = 768;
    [JsonPropertyName("n_layer")] public int NLayer { get; init; } = 12;
    [JsonPropertyName("n_head")] public int NHead { get; init; } = 12;
    [JsonPropertyName("n_inner")] public int? NInner { get; init; }
    [JsonPropertyName("activation_function")] public string ActivationFunction { get; init; } = "gelu_new";
    [JsonPropertyName("resid_pdrop")] public double ResidPdrop { get; init; } = 0.1;
    [JsonPropertyName("embd_pdrop")] public double EmbdPdrop { get; init; } = 0.1;
    [JsonPropertyName("attn_pdrop")] public double AttnPdrop { get; init; } = 0.1;
    [JsonPropertyName("layer_norm_epsilon")] public double LayerNormEpsilon { get; init; } = 1e-5;
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "gpt2";

    [JsonIgnore] public int Inner => NInner ?? 4 * NEmbd;

    /// <summary>gpt2 (124M), exactly as its config.json.</summary>
    public static Gpt2Config Gpt2Small => new();

    /// <summary>A small GPT-2 for tests and for the system-pretrained base (GPT-2 BPE vocabulary).</summary>
    public static Gpt2Config Tiny => new() { NEmbd = 64, NLayer = 2, NHead = 4, NPositions = BuiltInModels.TinyGpt2.MaxPositions };

    /// <summary>Token and position embeddings plus, per layer, attention (4 c²) and the MLP (2 c × inner); biases and norms left out.</summary>
    [JsonIgnore] public double EstimatedParameters =>
        ((double)VocabSize + NPositions) * NEmbd + (double)NLayer * (4.0 * NEmbd * NEmbd + 2.0 * NEmbd * (NInner ?? 4.0 * NEmbd));

    public void Validate(string source)
    {
        if (NEmbd <= 0 || NLayer <= 0 || NHead <= 0 || VocabSize <= 0 || NPositions <= 0)
            throw new InvalidInputException($"{source}: sizes must be positive");
        if (NEmbd % NHead != 0)
            throw new InvalidInputException($"{source}: n_embd {NEmbd} is not a multiple of n_head {NHead}");
        ModelSizeCheck.Fits(EstimatedParameters, source, "vocab_size, n_embd, n_layer, n_inner, n_positions");
    }

    public static Gpt2Config FromJson(string json, string source)
    {
        var c = HfConfigFile.Deserialize<Gpt2Config>(json, source);
        c.Validate(source);
        return c;
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
