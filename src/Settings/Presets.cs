namespace Sweep.Settings;

/// <summary>
/// The six paper configurations by their contract names, in paper order: the one table the spec reader, the console,
/// the cluster, the training core and the analysis read.
/// </summary>
public static class Presets
{
    public const string FullPrecision = "B-FP";
    public const string FourBit = "B-Q4";
    public const string AdaLoraBase = "B-Ada";
    public const string Joint1 = "Joint-1";
    public const string Joint2 = "Joint-2";
    public const string ManualRanks = "Joint-3";

    private static readonly AdaLoraSettings Ada = new();

    public static readonly IReadOnlyList<PresetDefinition> All =
    [
        new() { Name = FullPrecision, Description = "LoRA r=8, 16-bit base", Method = AdapterMethod.Lora, Precision = BasePrecision.Half16 },
        new() { Name = FourBit, Description = "LoRA r=8, NF4 4-bit base (QLoRA)", Method = AdapterMethod.Lora, Precision = BasePrecision.Nf4 },
        new() { Name = AdaLoraBase, Description = "AdaLoRA 12→4, 16-bit base", Method = AdapterMethod.AdaLora, Precision = BasePrecision.Half16, AdaLora = Ada },
        new() { Name = Joint1, Description = "AdaLoRA 12→4, NF4 4-bit base", Method = AdapterMethod.AdaLora, Precision = BasePrecision.Nf4, AdaLora = Ada },
        new() { Name = Joint2, Description = "AdaLoRA 12→4, mixed precision", Method = AdapterMethod.AdaLora, Precision = BasePrecision.Mixed, AdaLora = Ada },
        new()
        {
            Name = ManualRanks, Description = "LoRA manual ranks (attention 6, FFN 10, other 8), NF4 base", Method = AdapterMethod.Lora,
            Precision = BasePrecision.Nf4, Rank = 8,
            RankByKind = new Dictionary<ModuleKind, int> { [ModuleKind.Attention] = 6, [ModuleKind.FeedForward] = 10, [ModuleKind.Other] = 8 },
        },
    ];

    public static readonly IReadOnlyList<string> Names = All.Select(p => p.Name).ToList();

    /// <summary>Fixed-rank LoRA presets (paper §4.1): the family the adaptive one is compared with.</summary>
    public static readonly IReadOnlyList<string> FixedRank = Family(AdapterMethod.Lora);

    /// <summary>Adaptive-rank (AdaLoRA) presets: they allocate their own ranks and are not swept over <c>ranks</c>.</summary>
    public static readonly IReadOnlyList<string> Adaptive = Family(AdapterMethod.AdaLora);

    public static string KnownList => string.Join(", ", Names);

    public static PresetDefinition? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    public static bool IsKnown(string name) => Find(name) is not null;

    public static bool IsAdaLora(string name) => Find(name)?.Method == AdapterMethod.AdaLora;

    /// <summary>The problem text for a name that is not a preset.</summary>
    public static string Unknown(string name) => $"unknown preset '{name}' (known: {KnownList})";

    /// <summary>"LoRA" or "AdaLoRA" for a known preset (an unknown one is taken for LoRA).</summary>
    public static string MethodName(string name) => (Find(name)?.Method ?? AdapterMethod.Lora).Name();

    /// <summary>Paper order first, then any other preset (the caller orders those alphabetically).</summary>
    public static int Order(string preset)
    {
        for (var i = 0; i < Names.Count; i++) if (Names[i] == preset) return i;
        return Names.Count;
    }

    private static List<string> Family(AdapterMethod method) => All.Where(p => p.Method == method).Select(p => p.Name).ToList();
}
