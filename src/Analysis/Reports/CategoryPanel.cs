using ScottPlot;
using Sweep.Analysis.Statistics;

namespace Sweep.Analysis.Reports;

/// <summary>
/// One panel comparing categories (configs or families): per category the mean as a bar (magnitudes, from zero)
/// or a large dot (scores, zoomed), the 95% t-interval over seeds as an error bar, and every seed as a small
/// grey dot so n is visible.
/// </summary>
public static class CategoryPanel
{
    public static Plot Build(string title, string yLabel, IReadOnlyList<string> labels, IReadOnlyList<double[]> values,
        bool bars, string xLabel = "Configuration")
    {
        var plot = FigureCanvas.NewPanel(title, xLabel, yLabel);
        var palette = new ScottPlot.Palettes.Category10();
        var positions = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
        var means = values.Select(v => v.Length == 0 ? double.NaN : Descriptive.Mean(v)).ToArray();
        var halfCi = values.Select(v => v.Length < 2 ? 0 : (Descriptive.TInterval(v).High - Descriptive.TInterval(v).Low) / 2).ToArray();
        if (bars)
        {
            var list = new List<Bar>();
            for (var i = 0; i < labels.Count; i++)
                if (double.IsFinite(means[i]))
                    list.Add(new Bar { Position = i, Value = means[i], FillColor = palette.GetColor(i).WithAlpha(0.75), Error = halfCi[i], Size = 0.6 });
            if (list.Count > 0) plot.Add.Bars(list);
        }
        for (var i = 0; i < labels.Count; i++)
        {
            if (values[i].Length == 0) continue;
            var xs = values[i].Select((_, k) => i + Jitter(k, values[i].Length)).ToArray();
            plot.Add.Markers(xs, values[i], MarkerShape.FilledCircle, 5, Colors.Black.WithAlpha(0.45));
            if (!bars)
            {
                var err = plot.Add.ErrorBar(new double[] { i }, new[] { means[i] }, new[] { halfCi[i] });
                err.LineWidth = 2;
                err.CapSize = 10;
                err.Color = palette.GetColor(i);
                plot.Add.Markers(new double[] { i }, new[] { means[i] }, MarkerShape.FilledCircle, 11, palette.GetColor(i));
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 1;
        plot.Grid.YAxisStyle.MajorLineStyle.Color = Colors.Black.WithAlpha(0.1);
        var empty = values.All(v => v.Length == 0);
        if (empty)
        {
            plot.Add.Annotation("no data for this metric", Alignment.MiddleCenter);
            plot.Axes.SetLimitsY(0, 1);
        }
        else if (bars) plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.6, labels.Count - 0.4);
        return plot;
    }

    private static double Jitter(int k, int n) => n == 1 ? 0.18 : 0.14 + 0.1 * k / (n - 1);
}
