using Sweep.Analysis;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Interfaces;

namespace Sweep.ResultFiles;

/// <summary>
/// Writes a sweep's results into a directory: results.json and trials.csv here, then summary.md, significance.csv and
/// figures/*.png through the analysis library's <see cref="ReportWriter"/> — all from the one analysis it is given
/// (computed by the aggregation grain), never recomputed. Without an analysis (no completed baseline trial)
/// summary.md says why and lists the trials by state.
/// </summary>
public static class ResultsWriter
{
    /// <returns>notes on what could not be written (empty when everything was).</returns>
    public static IReadOnlyList<string> Write(string dir, ExperimentResults results, AnalysisReport? analysis)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "results.json"), ResultsJson.Serialize(results, analysis));
        TrialsCsvFile.Write(results.Trials, Path.Combine(dir, "trials.csv"));
        var options = (results.Spec?.Analysis ?? new()).ToOptions();
        if (analysis is null)
        {
            var reason = $"no completed {options.Baseline} (baseline) trial: no analysis";
            File.WriteAllText(Path.Combine(dir, ReportWriter.SummaryFile), FallbackSummary.Render(results, reason));
            AppendSequential(dir, results);
            return [reason];
        }
        var notes = ReportWriter.WriteAll(dir, analysis, OutcomeRecords.ToRecords(results.Trials), options).Notes;
        AppendSequential(dir, results);
        return notes;
    }

    /// <summary>Seeds on demand: the looks and decisions per comparison close summary.md.</summary>
    private static void AppendSequential(string dir, ExperimentResults results)
    {
        if (ResultsJson.Sequential(results) is { } report)
            File.AppendAllText(Path.Combine(dir, ReportWriter.SummaryFile), Environment.NewLine + SequentialMarkdown.Render(report));
    }
}
