using ScottPlot;
using Sweep.Analysis.Study;

namespace Sweep.Analysis.Reports;

/// <summary>Training loss against step per preset: the mean over seeds as a line, min–max over seeds as a band.</summary>
public static class LossCurveFigure
{
    public static bool HasData(ResultTable table, string task) =>
        table.Completed.Any(t => t.Task == task && t.LossCurve is { Count: > 0 });

    public static void Save(ResultTable table, string task, string path)
    {
        var plot = FigureCanvas.NewPanel("", "Training step", "Training loss (cross-entropy, nats)");
        var palette = new ScottPlot.Palettes.Category10();
        var presets = table.PresetsOf(task);
        for (var i = 0; i < presets.Count; i++)
        {
            var curves = table.Completed.Where(t => t.Task == task && t.Preset == presets[i] && t.LossCurve is { Count: > 0 })
                .Select(t => t.LossCurve!).ToList();
            if (curves.Count == 0) continue;
            // Group by step across seeds; only finite losses count (a NaN step is an outcome, not a point).
            var bySteps = curves.SelectMany(c => c.Where(p => p.Length >= 2 && double.IsFinite(p[1])))
                .GroupBy(p => p[0]).OrderBy(g => g.Key).ToList();
            if (bySteps.Count == 0) continue;
            var xs = bySteps.Select(g => g.Key).ToArray();
            var mean = bySteps.Select(g => g.Average(p => p[1])).ToArray();
            var lo = bySteps.Select(g => g.Min(p => p[1])).ToArray();
            var hi = bySteps.Select(g => g.Max(p => p[1])).ToArray();
            var color = palette.GetColor(i);
            if (curves.Count > 1)
            {
                var band = plot.Add.FillY(xs, lo, hi);
                band.FillColor = color.WithAlpha(0.18);
                band.LineWidth = 0;
            }
            var line = plot.Add.ScatterLine(xs, mean, color);
            line.LineWidth = 2;
            line.LegendText = $"{presets[i]} (n={curves.Count})";
        }
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontName = FigureCanvas.FontFamily;
        FigureCanvas.Save(path, $"Training loss per preset ({task}; line = mean over seeds, band = min–max)", [plot], 1, 900, 520);
    }
}
