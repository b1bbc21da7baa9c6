namespace Sweep.Settings;

/// <summary>
/// One of the paper's configurations: adapter method, base precision, ranks (uniform, or per module kind), and the
/// AdaLoRA schedule of AdaLoRA presets. Pure data; the training core turns it into an adapter plan and a precision.
/// </summary>
public sealed record PresetDefinition
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required AdapterMethod Method { get; init; }
    public required BasePrecision Precision { get; init; }
    /// <summary>LoRA rank for modules without a kind-specific rank (AdaLoRA: unused; see <see cref="AdaLora"/>).</summary>
    public int Rank { get; init; } = SweepFields.Rank.Value;
    public IReadOnlyDictionary<ModuleKind, int> RankByKind { get; init; } = new Dictionary<ModuleKind, int>();
    public AdaLoraSettings? AdaLora { get; init; }
    /// <summary>Whether sweeping "ranks" changes this preset (uniform fixed-rank LoRA only).</summary>
    public bool RankIsSwept => Method == AdapterMethod.Lora && RankByKind.Count == 0;
    /// <summary>"LoRA" or "AdaLoRA", as results spell it.</summary>
    public string MethodName => Method.Name();
}
