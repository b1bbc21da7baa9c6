using Sweep.Analysis;

namespace Sweep.Grains.Aggregation;

/// <summary>
/// The analysis of a study's trials, as JSON (DESIGN.md "Analysis output").
/// SEAM: the analysis library's <c>StudyAnalyzer.Analyze</c> + <c>AnalysisJson.Serialize</c> are being written;
/// <see cref="PendingStudyAnalysis"/> stands in until they are merged, then a one-line implementation replaces it.
/// </summary>
public interface IStudyAnalysis
{
    /// <returns>the analysis JSON, or null when it cannot be computed.</returns>
    string? AnalyzeJson(IReadOnlyList<TrialRecord> trials, AnalysisOptions options);
}

public sealed class PendingStudyAnalysis : IStudyAnalysis
{
    public string? AnalyzeJson(IReadOnlyList<TrialRecord> trials, AnalysisOptions options) => null;
}
