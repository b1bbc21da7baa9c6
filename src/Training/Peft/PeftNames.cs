using Sweep.Settings;
using Sweep.Training.Models;

namespace Sweep.Training.Peft;

/// <summary>
/// PEFT's naming conventions for a saved adapter. Keys are the model's module paths (Hugging Face names) under
/// <c>base_model.model.</c>, with the adapter name (<c>default</c>) removed: LoRA layers are modules, so their keys end in
/// <c>.lora_A.weight</c> / <c>.lora_B.weight</c>; AdaLoRA's are bare parameters (<c>.lora_A</c>, <c>.lora_B</c>, <c>.lora_E</c>);
/// a module trained in full and saved beside the adapter (<c>modules_to_save</c>) keeps its own parameter names.
/// </summary>
public static class PeftNames
{
    public const string Prefix = "base_model.model.";
    public const string Lora = "LORA", AdaLora = "ADALORA";
    public const string SequenceClassification = "SEQ_CLS", CausalLm = "CAUSAL_LM";

    /// <summary>What PEFT adds to <c>modules_to_save</c> for sequence classification (the heads of BERT-like and decoder models).</summary>
    public static readonly IReadOnlyList<string> ClassifierModules = ["classifier", "score"];

    public static string LoraA(string path) => $"{Prefix}{path}.lora_A.weight";
    public static string LoraB(string path) => $"{Prefix}{path}.lora_B.weight";
    public static string AdaA(string path) => $"{Prefix}{path}.lora_A";
    public static string AdaB(string path) => $"{Prefix}{path}.lora_B";
    public static string AdaE(string path) => $"{Prefix}{path}.lora_E";

    /// <summary>A fully trained parameter (the classifier head), e.g. <c>classifier.weight</c>.</summary>
    public static string Saved(string parameter) => Prefix + parameter;

    /// <summary>AdaLoRA's <c>rank_pattern</c> key of a module: the path of its Λ parameter (adapter name removed).</summary>
    public static string RankPatternKey(string path) => $"{path}.lora_E";

    public static string PeftType(AdapterMethod method) => method == AdapterMethod.AdaLora ? AdaLora : Lora;

    public static string TaskType(TaskKind kind) => kind == TaskKind.LanguageModelling ? CausalLm : SequenceClassification;

    /// <summary>The Hugging Face Hub id of a built-in model; a directory stays as given; the tiny test models keep their names.</summary>
    public static string BaseModel(string model) => model switch
    {
        ModelCatalog.MiniLm => "sentence-transformers/all-MiniLM-L6-v2",
        _ => model,
    };

    /// <summary>
    /// PEFT's <c>target_modules</c> for the adapted paths: the distinct last names (<c>query</c>, <c>dense</c>, …, as PEFT
    /// resolves <c>all-linear</c>) when exactly the adapted layers end in them, else the full paths (a selection the short
    /// names cannot express, such as the FFN output without the attention output). Sorted: PEFT writes a set.
    /// </summary>
    public static IReadOnlyList<string> TargetModules(IReadOnlyList<string> adapted, IReadOnlyList<string> allLinears)
    {
        static string Last(string path) => path[(path.LastIndexOf('.') + 1)..];
        var names = adapted.Select(Last).Distinct().Order(StringComparer.Ordinal).ToList();
        var selected = allLinears.Where(p => names.Contains(Last(p))).ToHashSet();
        return selected.SetEquals(adapted) ? names : adapted.Order(StringComparer.Ordinal).ToList();
    }
}
