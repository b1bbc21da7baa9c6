using System.Text.Json;

namespace Sweep.Training.Tokenization;

/// <summary>
/// The tokenizer for a model name (DESIGN "Names"): the BERT family uses the bert-base-uncased WordPiece
/// vocab (shipped in the MiniLM package), the GPT-2 family the offline GPT-2 BPE; any other value is an
/// HF model directory, whose <c>vocab.txt</c> (BERT) or GPT-2 files decide.
/// </summary>
public static class TokenizerCatalog
{
    private const int Gpt2VocabEntries = 50257;

    public static readonly IReadOnlyList<string> BertModels = ["minilm", "bert-base-uncased", "tiny-bert"];
    public static readonly IReadOnlyList<string> Gpt2Models = ["gpt2", "tiny-gpt2"];

    public static ITextTokenizer ForModel(string model)
    {
        if (BertModels.Contains(model)) return BertWordPieceTokenizer.FromMiniLmPackage();
        if (Gpt2Models.Contains(model)) return new Gpt2BpeTokenizer();
        return ForDirectory(model);
    }

    /// <summary>
    /// An HF model directory: <c>vocab.txt</c> → WordPiece; <c>vocab.json</c> (the standard 50,257-entry GPT-2
    /// vocabulary) or <c>config.json</c> with <c>model_type: gpt2</c> → GPT-2 BPE.
    /// </summary>
    public static ITextTokenizer ForDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidInputException(
                $"model: '{directory}' is neither a built-in model ({string.Join(", ", BertModels.Concat(Gpt2Models))}) nor an existing directory");

        string vocabTxt = Path.Combine(directory, "vocab.txt");
        if (File.Exists(vocabTxt)) return BertWordPieceTokenizer.FromFile(vocabTxt);

        string vocabJson = Path.Combine(directory, "vocab.json");
        if (File.Exists(vocabJson))
        {
            int entries = CountJsonObjectEntries(vocabJson);
            if (entries != Gpt2VocabEntries)
                throw new InvalidInputException(
                    $"{vocabJson}: {entries} entries; only the standard GPT-2 vocabulary ({Gpt2VocabEntries}) is supported offline");
            return new Gpt2BpeTokenizer();
        }

        if (ModelType(Path.Combine(directory, "config.json")) == "gpt2") return new Gpt2BpeTokenizer();

        throw new InvalidInputException(
            $"model directory '{directory}': no tokenizer found (expected vocab.txt for BERT, or vocab.json / config.json model_type \"gpt2\" for GPT-2)");
    }

    private static int CountJsonObjectEntries(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject().Count() : 0;
        }
        catch (JsonException e) { throw Models.HfConfigFile.Invalid(path, e); }
    }

    private static string? ModelType(string configPath) =>
        File.Exists(configPath) ? Models.HfConfigFile.Read(configPath).ModelType : null;
}
