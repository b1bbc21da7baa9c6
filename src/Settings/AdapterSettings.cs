namespace Sweep.Settings;

/// <summary>
/// Adapter knobs a fair comparison may need, layered over the preset's defaults: targets, LoRA α, AdaLoRA's
/// schedule, and "matched final budget" (AdaLoRA ends with the same total rank as uniform LoRA at the trial's rank).
/// </summary>
public sealed record AdapterSettings
{
    /// <summary>Target module names (dotted suffixes) or "all-linear".</summary>
    public IReadOnlyList<string> Targets { get; init; } = AdapterFields.Targets;
    /// <summary>LoRA/AdaLoRA α (update scaled by α/r).</summary>
    public double Alpha { get; init; } = AdapterFields.Alpha.Value;
    public int? AdaInitRank { get; init; }
    public int? AdaTargetRank { get; init; }
    public double? AdaTinitFraction { get; init; }
    public double? AdaTfinalFraction { get; init; }
    public int? AdaDeltaT { get; init; }
    public double? AdaOrthRegWeight { get; init; }
    /// <summary>AdaLoRA's target rank becomes the trial's LoRA rank (default <see cref="SweepFields.Rank"/>), so both end with the same budget.</summary>
    public bool MatchedBudget { get; init; }

    /// <summary>The preset's AdaLoRA settings with these overrides applied (null for LoRA presets).</summary>
    public AdaLoraSettings? AdaLoraFor(PresetDefinition preset, int? rank)
    {
        if (preset.AdaLora is not { } d) return null;
        var s = d with
        {
            InitRank = AdaInitRank ?? d.InitRank,
            TargetRank = AdaTargetRank ?? d.TargetRank,
            TinitFraction = AdaTinitFraction ?? d.TinitFraction,
            TfinalFraction = AdaTfinalFraction ?? d.TfinalFraction,
            DeltaT = AdaDeltaT ?? d.DeltaT,
            OrthRegWeight = AdaOrthRegWeight ?? d.OrthRegWeight,
        };
        if (MatchedBudget)
        {
            var target = rank ?? SweepFields.Rank.Value;
            s = s with { TargetRank = target, InitRank = AdaInitRank ?? Math.Max(s.InitRank, target + target / 2) };
        }
        return s;
    }
}
