namespace Sweep.Settings;

/// <summary>
/// The spec's <c>adapter:</c> section: knobs a fair comparison needs, over the presets' defaults. AdaLoRA fields
/// apply to the AdaLoRA presets only; <c>matched_budget</c> makes AdaLoRA end with uniform LoRA's total rank.
/// Null means "the default" (<see cref="AdapterFields"/>). The training core takes it as it is (the AdaLoRA knobs
/// override the preset's schedule, see <see cref="AdaLoraFor"/>), so the spec and a trial carry the same record.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AdapterSpec
{
    [Id(0)] public IReadOnlyList<string> Targets { get; init; } = AdapterFields.Targets;
    [Id(1)] public double? Alpha { get; init; }
    /// <summary>AdaLoRA's target rank becomes the trial's LoRA rank (default <see cref="SweepFields.Rank"/>), so both end with the same budget.</summary>
    [Id(2)] public bool MatchedBudget { get; init; }
    [Id(3)] public int? AdaInitRank { get; init; }
    [Id(4)] public int? AdaTargetRank { get; init; }
    /// <summary>Fraction of the steps before pruning starts (PEFT's tinit, as a fraction).</summary>
    [Id(5)] public double? AdaTinit { get; init; }
    /// <summary>Fraction of the steps after the final mask (PEFT's tfinal, as a fraction).</summary>
    [Id(6)] public double? AdaTfinal { get; init; }
    [Id(7)] public int? AdaDeltaT { get; init; }
    [Id(8)] public double? AdaOrthRegWeight { get; init; }

    /// <summary>α as set, else its default.</summary>
    public double AlphaOrDefault() => Alpha ?? AdapterFields.Alpha.Value;

    /// <summary>The preset's AdaLoRA settings with these overrides applied (null for LoRA presets).</summary>
    public AdaLoraSettings? AdaLoraFor(PresetDefinition preset, int? rank)
    {
        if (preset.AdaLora is not { } d) return null;
        var s = d with
        {
            InitRank = AdaInitRank ?? d.InitRank,
            TargetRank = AdaTargetRank ?? d.TargetRank,
            TinitFraction = AdaTinit ?? d.TinitFraction,
            TfinalFraction = AdaTfinal ?? d.TfinalFraction,
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
