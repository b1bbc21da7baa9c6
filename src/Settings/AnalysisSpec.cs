namespace Sweep.Settings;

/// <summary>How the study compares presets: against which baseline, at which significance level, and how seeds on demand stop.</summary>
[GenerateSerializer, Immutable]
public sealed record AnalysisSpec
{
    [Id(0)] public string Baseline { get; init; } = Sweep.Settings.Presets.FullPrecision;
    [Id(1)] public double Alpha { get; init; } = SweepFields.AnalysisAlpha.Value;
    /// <summary>How seeds on demand decide (<see cref="SequentialMethods"/>); only used with a <see cref="SeedPlan"/>.</summary>
    [Id(2)] public string Sequential { get; init; } = SequentialMethods.None;
    /// <summary>
    /// A comparison also stops when its mean difference is shown to lie within ±this margin (in the compared metric's
    /// own units: accuracy as a fraction, so 0.01 is one point); null: no equivalence stop.
    /// </summary>
    [Id(3)] public double? EquivalenceMargin { get; init; }
}
