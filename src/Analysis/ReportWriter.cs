using Sweep.Analysis.Reports;
using Sweep.Analysis.Study;

namespace Sweep.Analysis;

/// <summary>
/// Writes the report files of one analysis into a results directory: <c>summary.md</c>, <c>significance.csv</c> beside
/// it, and <c>figures/*.png</c>. The one writer of these files, for <c>sweep run</c>, <c>sweep results</c> and
/// <c>sweep analyze --out</c>; it reads the analysis it is given and never recomputes it.
/// </summary>
public static class ReportWriter
{
    public const string SummaryFile = "summary.md";
    public const string SignificanceFile = "significance.csv";
    public const string FiguresDirectory = "figures";

    /// <summary>summary.md, significance.csv and the figures. Returns the paths written and notes on what could not
    /// be (no font for figure text: the figures are left out, the rest is written).</summary>
    public static (IReadOnlyList<string> Written, IReadOnlyList<string> Notes) WriteAll(
        string directory, AnalysisReport report, IReadOnlyList<TrialRecord> trials, AnalysisOptions options)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var notes = new List<string>();
        var summary = Path.Combine(directory, SummaryFile);
        File.WriteAllText(summary, SummaryMarkdown.Render(report, trials, options));
        written.Add(summary);
        var significance = Path.Combine(directory, SignificanceFile);
        File.WriteAllText(significance, SignificanceCsv.Render(report.Comparisons));
        written.Add(significance);
        try { written.AddRange(WriteFigures(report, trials, Path.Combine(directory, FiguresDirectory))); }
        catch (InvalidOperationException e) { notes.Add($"figures not drawn: {e.Message}"); }
        return (written, notes);
    }

    /// <summary>Figures 1–3 per task (the primary task's without a task suffix), loss curves and AdaLoRA rank heatmaps per task where
    /// the trials carry them. Returns the PNG paths written.</summary>
    /// <exception cref="InvalidOperationException">no font is installed to draw figure text.</exception>
    public static IReadOnlyList<string> WriteFigures(AnalysisReport report, IReadOnlyList<TrialRecord> trials, string directory)
    {
        if (FigureCanvas.MissingFontProblem() is { } problem) throw new InvalidOperationException(problem);
        Directory.CreateDirectory(directory);
        var table = new ResultTable(trials);
        var written = new List<string>();
        void Add(string name, Action<string> render)
        {
            var path = Path.Combine(directory, name);
            render(path);
            written.Add(path);
        }
        var main = table.PrimaryTask();
        foreach (var task in table.Tasks)
        {
            var safe = string.Concat(task.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
            // the primary task keeps the plain names; other tasks (e.g. a language-modelling arm, judged by perplexity) add theirs
            var suffix = task == main ? "" : "_" + safe;
            Add($"figure1_fixed_vs_adaptive{suffix}.png", p => StudyFigures.Figure1(table, task, p));
            Add($"figure2_configs{suffix}.png", p => StudyFigures.Figure2(table, task, p));
            Add($"figure3_quantization{suffix}.png", p => StudyFigures.Figure3(table, task, p));
            if (LossCurveFigure.HasData(table, task)) Add($"loss_curves_{safe}.png", p => LossCurveFigure.Save(table, task, p));
            if (RankHeatmapFigure.HasData(table, task)) Add($"adalora_ranks_{safe}.png", p => RankHeatmapFigure.Save(table, task, p));
        }
        return written;
    }
}
