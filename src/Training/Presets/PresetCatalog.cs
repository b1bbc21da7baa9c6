using Sweep.Training.Adapters;

namespace Sweep.Training.Presets;

/// <summary>The paper's six configurations by their contract names (DESIGN.md, "The six paper configs").</summary>
public static class PresetCatalog
{
    private static readonly AdaLoraSettings Ada = new();

    public static readonly IReadOnlyList<PresetDefinition> All =
    [
        new() { Name = "B-FP", Description = "LoRA r=8, 16-bit base", Method = AdapterMethod.Lora, Precision = BasePrecision.Half16 },
        new() { Name = "B-Q4", Description = "LoRA r=8, NF4 4-bit base (QLoRA)", Method = AdapterMethod.Lora, Precision = BasePrecision.Nf4 },
        new() { Name = "B-Ada", Description = "AdaLoRA 12→4, 16-bit base", Method = AdapterMethod.AdaLora, Precision = BasePrecision.Half16, AdaLora = Ada },
        new() { Name = "Joint-1", Description = "AdaLoRA 12→4, NF4 4-bit base", Method = AdapterMethod.AdaLora, Precision = BasePrecision.Nf4, AdaLora = Ada },
        new() { Name = "Joint-2", Description = "AdaLoRA 12→4, mixed precision", Method = AdapterMethod.AdaLora, Precision = BasePrecision.Mixed, AdaLora = Ada },
        new()
        {
            Name = "Joint-3", Description = "LoRA manual ranks (attention 6, FFN 10, other 8), NF4 base", Method = AdapterMethod.Lora,
            Precision = BasePrecision.Nf4, Rank = 8,
            RankByKind = new Dictionary<ModuleKind, int> { [ModuleKind.Attention] = 6, [ModuleKind.FeedForward] = 10, [ModuleKind.Other] = 8 },
        },
    ];

    public static IReadOnlyList<string> Names => All.Select(p => p.Name).ToList();

    public static PresetDefinition Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidInputException($"preset: unknown preset '{name}' (known: {string.Join(", ", Names)})");

    public static bool TryGet(string name, out PresetDefinition preset)
    {
        preset = All.FirstOrDefault(p => p.Name == name)!;
        return preset is not null;
    }
}
