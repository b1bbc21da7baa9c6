namespace Sweep.Analysis.Study;

/// <summary>The six paper configs (DESIGN.md, contract preset names) and the families the claims compare.</summary>
public static class Presets
{
    public const string FullPrecision = "B-FP";
    public const string FourBit = "B-Q4";
    public const string AdaLora = "B-Ada";
    public const string Joint1 = "Joint-1";
    public const string Joint2 = "Joint-2";
    public const string ManualRanks = "Joint-3";

    public static readonly IReadOnlyList<string> PaperOrder = [FullPrecision, FourBit, AdaLora, Joint1, Joint2, ManualRanks];

    /// <summary>Fixed-rank LoRA configs (paper §4.1).</summary>
    public static readonly IReadOnlyList<string> FixedRank = [FullPrecision, FourBit, ManualRanks];

    /// <summary>Adaptive-rank (AdaLoRA) configs.</summary>
    public static readonly IReadOnlyList<string> Adaptive = [AdaLora, Joint1, Joint2];

    /// <summary>Table 1 "Method" text per preset; other presets show their trials' method.</summary>
    public static string Describe(string preset) => preset switch
    {
        FullPrecision => "LoRA r=8, 16-bit base",
        FourBit => "LoRA r=8, NF4 4-bit base (QLoRA)",
        AdaLora => "AdaLoRA 12→4, 16-bit base",
        Joint1 => "AdaLoRA 12→4, NF4 4-bit base",
        Joint2 => "AdaLoRA 12→4, mixed precision",
        ManualRanks => "LoRA attn 6 / FFN 10, NF4 base",
        _ => "",
    };

    /// <summary>Paper order first, then any other preset alphabetically.</summary>
    public static int Order(string preset)
    {
        for (var i = 0; i < PaperOrder.Count; i++) if (PaperOrder[i] == preset) return i;
        return PaperOrder.Count;
    }
}
