using Sweep.Analysis;

namespace Sweep.Grains.Aggregation;

/// <summary>The analysis of a study's trials, as JSON (DESIGN.md "Analysis output"): a plug point so aggregation can be tested apart.</summary>
public interface IStudyAnalysis
{
    /// <returns>the analysis JSON, or null when it cannot be computed yet (e.g. no baseline trial completed).</returns>
    string? AnalyzeJson(IReadOnlyList<TrialRecord> trials, AnalysisOptions options);
}

/// <summary>The analysis library: <see cref="StudyAnalyzer"/> serialised by <see cref="AnalysisJson"/>.</summary>
public sealed class StudyAnalysis : IStudyAnalysis
{
    public string? AnalyzeJson(IReadOnlyList<TrialRecord> trials, AnalysisOptions options)
    {
        if (!trials.Any(t => t.IsCompleted && t.Preset == options.Baseline)) return null;
        return AnalysisJson.Serialize(StudyAnalyzer.Analyze(trials, options));
    }
}
