using Sweep.Analysis.Reports;
using Sweep.Analysis.Study;

namespace Sweep.Analysis;

/// <summary>Writes summary.md and the PNG figures of an analysis (DESIGN.md "Results": DIR/summary.md, DIR/figures/*.png).</summary>
public static class ReportWriter
{
    public static void WriteSummaryMarkdown(AnalysisReport report, IReadOnlyList<TrialRecord> trials, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, SummaryMarkdown.Render(report, trials));
    }

    /// <summary>Figures 1–3 for the primary (classification) task, loss curves and AdaLoRA rank heatmaps per task where
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
        if (table.PrimaryTask() is { } main)
        {
            Add("figure1_fixed_vs_adaptive.png", p => StudyFigures.Figure1(table, main, p));
            Add("figure2_configs.png", p => StudyFigures.Figure2(table, main, p));
            Add("figure3_quantization.png", p => StudyFigures.Figure3(table, main, p));
        }
        foreach (var task in table.Tasks)
        {
            var safe = string.Concat(task.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
            if (LossCurveFigure.HasData(table, task)) Add($"loss_curves_{safe}.png", p => LossCurveFigure.Save(table, task, p));
            if (RankHeatmapFigure.HasData(table, task)) Add($"adalora_ranks_{safe}.png", p => RankHeatmapFigure.Save(table, task, p));
        }
        return written;
    }
}
