using Sweep.Settings;

namespace Sweep.Analysis;

/// <summary>The one mapping from a spec's <c>analysis:</c> section to the analysis' options (aggregation and the results writer use it).</summary>
public static class AnalysisSpecExtensions
{
    public static AnalysisOptions ToOptions(this AnalysisSpec spec) => new(spec.Baseline, spec.Alpha);
}
