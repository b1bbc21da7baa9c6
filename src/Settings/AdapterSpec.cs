namespace Sweep.Settings;

/// <summary>
/// The spec's <c>adapter:</c> section: knobs a fair comparison needs, over the presets' defaults. AdaLoRA fields
/// apply to the AdaLoRA presets only; <c>matched_budget</c> makes AdaLoRA end with uniform LoRA's total rank.
/// Null means "the default" (<see cref="AdapterFields"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AdapterSpec
{
    [Id(0)] public IReadOnlyList<string> Targets { get; init; } = AdapterFields.Targets;
    [Id(1)] public double? Alpha { get; init; }
    [Id(2)] public bool MatchedBudget { get; init; }
    [Id(3)] public int? AdaInitRank { get; init; }
    [Id(4)] public int? AdaTargetRank { get; init; }
    /// <summary>Fraction of the steps before pruning starts (PEFT's tinit, as a fraction).</summary>
    [Id(5)] public double? AdaTinit { get; init; }
    /// <summary>Fraction of the steps after the final mask (PEFT's tfinal, as a fraction).</summary>
    [Id(6)] public double? AdaTfinal { get; init; }
    [Id(7)] public int? AdaDeltaT { get; init; }
    [Id(8)] public double? AdaOrthRegWeight { get; init; }

    /// <summary>The settings the core runs with (α resolved against its default; AdaLoRA knobs stay overrides of the preset's).</summary>
    public AdapterSettings Resolve() => new()
    {
        Targets = Targets,
        Alpha = Alpha ?? AdapterFields.Alpha.Value,
        MatchedBudget = MatchedBudget,
        AdaInitRank = AdaInitRank,
        AdaTargetRank = AdaTargetRank,
        AdaTinitFraction = AdaTinit,
        AdaTfinalFraction = AdaTfinal,
        AdaDeltaT = AdaDeltaT,
        AdaOrthRegWeight = AdaOrthRegWeight,
    };
}
