namespace Sweep.Settings;

/// <summary>One built-in model name: the task kind it serves and how many token positions it has.</summary>
public sealed record BuiltInModel(string Name, TaskKind Kind, int MaxPositions);

/// <summary>
/// The model names specs and the console accept without a path (anything else is a Hugging Face model directory),
/// with what can be checked about them before any weights are loaded: the task kind and the longest sequence.
/// The training core builds each from this table, so a check here and the model built agree.
/// </summary>
public static class BuiltInModels
{
    public static readonly BuiltInModel MiniLm = new("minilm", TaskKind.Classification, 512);
    public static readonly BuiltInModel BertBase = new("bert-base-uncased", TaskKind.Classification, 512);
    public static readonly BuiltInModel Gpt2 = new("gpt2", TaskKind.LanguageModelling, 1024);
    public static readonly BuiltInModel TinyBert = new("tiny-bert", TaskKind.Classification, 128);
    public static readonly BuiltInModel TinyGpt2 = new("tiny-gpt2", TaskKind.LanguageModelling, 256);

    public static readonly IReadOnlyList<BuiltInModel> All = [MiniLm, BertBase, Gpt2, TinyBert, TinyGpt2];

    public static string Known => string.Join(", ", All.Select(m => m.Name));

    public static BuiltInModel? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
