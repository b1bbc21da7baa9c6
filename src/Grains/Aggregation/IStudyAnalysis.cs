using Sweep.Analysis;

namespace Sweep.Grains.Aggregation;

/// <summary>The analysis of a study's trials: a plug point so aggregation can be tested apart.</summary>
public interface IStudyAnalysis
{
    /// <returns>the analysis, or null when it cannot be computed yet (no completed baseline trial).</returns>
    AnalysisReport? Analyze(IReadOnlyList<TrialRecord> trials, AnalysisOptions options);
}

/// <summary>The analysis library's <see cref="StudyAnalyzer"/>.</summary>
public sealed class StudyAnalysis : IStudyAnalysis
{
    public AnalysisReport? Analyze(IReadOnlyList<TrialRecord> trials, AnalysisOptions options) =>
        trials.Any(t => t.IsCompleted && t.Preset == options.Baseline) ? StudyAnalyzer.Analyze(trials, options) : null;
}
