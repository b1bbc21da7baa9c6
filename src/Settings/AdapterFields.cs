namespace Sweep.Settings;

/// <summary>
/// Defaults and bounds of the adapter knobs (spec <c>adapter:</c>, console <c>--alpha</c>, <c>--ada-*</c>), next to
/// <see cref="TrainingFields"/>. The AdaLoRA defaults are PEFT's schedule scaled to fractions of the run (init 12 → target 4).
/// </summary>
public static class AdapterFields
{
    /// <summary>Targets every linear the adapter injector can wrap.</summary>
    public const string AllLinear = "all-linear";
    public static readonly IReadOnlyList<string> Targets = [AllLinear];
    /// <summary>LoRA/AdaLoRA α (the update is scaled by α/r).</summary>
    public static readonly RealBound Alpha = new("alpha", 16, Above: 0, Below: 1e6);
    public static readonly IntBound AdaInitRank = new("init_rank", 12, Min: 1, Max: SweepFields.MaxRank);
    public static readonly IntBound AdaTargetRank = new("target_rank", 4, Min: 1, Max: SweepFields.MaxRank);
    /// <summary>Fraction of the steps before pruning starts (PEFT's tinit, as a fraction).</summary>
    public static readonly RealBound AdaTinit = new("tinit", 0.1, Above: RealBound.NonNegative, Below: 1);
    /// <summary>Fraction of the steps after the final mask (PEFT's tfinal, as a fraction).</summary>
    public static readonly RealBound AdaTfinal = new("tfinal", 0.2, Above: RealBound.NonNegative, Below: 1);
    public static readonly IntBound AdaDeltaT = new("delta_t", 10, Min: 1, Max: TrainingFields.StepLimit);
    public static readonly RealBound AdaOrthRegWeight = new("orth_reg_weight", 0.5, Above: RealBound.NonNegative, Below: 1e6);
    public const double AdaBeta = 0.85;
}
