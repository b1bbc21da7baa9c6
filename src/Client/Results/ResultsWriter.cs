using Sweep.Analysis;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Results;

/// <summary>
/// Writes a sweep's results into a directory (DESIGN.md "Results"): results.json, trials.csv, and — through the
/// analysis library — summary.md and figures/*.png. When the analysis cannot run (no completed baseline trial, no
/// font for figures) summary.md says why and lists the trials by state.
/// </summary>
public static class ResultsWriter
{
    /// <returns>notes on what could not be written (empty when everything was).</returns>
    public static IReadOnlyList<string> Write(string dir, ExperimentResults results, string? analysisJson)
    {
        Directory.CreateDirectory(dir);
        var figures = Directory.CreateDirectory(Path.Combine(dir, "figures")).FullName;
        File.WriteAllText(Path.Combine(dir, "results.json"), ResultsJson.Serialize(results, analysisJson));
        TrialsCsvFile.Write(results.Trials, Path.Combine(dir, "trials.csv"));
        var notes = new List<string>();
        var records = OutcomeRecords.ToRecords(results.Trials);
        var options = new AnalysisOptions(results.Spec?.Analysis.Baseline ?? "B-FP", results.Spec?.Analysis.Alpha ?? 0.05);
        var summary = Path.Combine(dir, "summary.md");
        if (!records.Any(r => r.IsCompleted && r.Preset == options.Baseline))
        {
            notes.Add($"no completed {options.Baseline} (baseline) trial: no analysis");
            File.WriteAllText(summary, FallbackSummary.Render(results, notes[0]));
            return notes;
        }
        var report = StudyAnalyzer.Analyze(records, options);
        ReportWriter.WriteSummaryMarkdown(report, records, summary);
        try { ReportWriter.WriteFigures(report, records, figures); }
        catch (InvalidOperationException e) { notes.Add($"figures not drawn: {e.Message}"); }
        return notes;
    }
}
