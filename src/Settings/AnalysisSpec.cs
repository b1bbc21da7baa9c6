namespace Sweep.Settings;

/// <summary>How the study compares presets: against which baseline, at which significance level.</summary>
[GenerateSerializer, Immutable]
public sealed record AnalysisSpec
{
    [Id(0)] public string Baseline { get; init; } = Sweep.Settings.Presets.FullPrecision;
    [Id(1)] public double Alpha { get; init; } = SweepFields.AnalysisAlpha.Value;
}
