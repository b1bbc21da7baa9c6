using ScottPlot;
using Sweep.Analysis.Statistics;
using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis.Reports;

/// <summary>The paper's Figures 1–3 regenerated from the trials, with 95% CIs over seeds and every seed shown.</summary>
public static class StudyFigures
{
    private const double Gib = 1L << 30;

    /// <summary>The task's quality metric as plotted: accuracy in % (higher is better) or perplexity (lower is better).</summary>
    private static (string Metric, string Label, double Scale) Quality(ResultTable table, string task) =>
        table.MetricsOf(task).Contains(MetricNames.Accuracy) || !table.MetricsOf(task).Contains(MetricNames.Perplexity)
            ? (MetricNames.Accuracy, "Accuracy (%) ↑ better", table.PointsPerUnit(task, MetricNames.Accuracy))
            : (MetricNames.Perplexity, "Perplexity ↓ better", 1);

    /// <summary>Figure 1: fixed-rank vs adaptive families (per-seed family means): quality, memory, parameters, time.</summary>
    public static void Figure1(ResultTable table, string task, string path)
    {
        string[] labels = ["Fixed rank\nB-FP, B-Q4, Joint-3", "Adaptive (AdaLoRA)\nB-Ada, Joint-1, Joint-2"];
        double[][] Family(string metric, double scale) =>
        [
            table.FamilyMeanBySeed(task, Presets.FixedRank, metric).Values.Select(v => v * scale).ToArray(),
            table.FamilyMeanBySeed(task, Presets.Adaptive, metric).Values.Select(v => v * scale).ToArray(),
        ];
        var q = Quality(table, task);
        Plot[] panels =
        [
            CategoryPanel.Build($"(a) {Title(q.Metric)}", q.Label, labels, Family(q.Metric, q.Scale), bars: false, "Family"),
            CategoryPanel.Build("(b) Peak memory", "Peak memory (GiB) ↓ better", labels, Family(MetricNames.PeakMemoryBytes, 1 / Gib), bars: true, "Family"),
            CategoryPanel.Build("(c) Trainable parameters", "Trainable parameters (millions) ↓ better", labels, Family(MetricNames.TrainableParams, 1e-6), bars: true, "Family"),
            CategoryPanel.Build("(d) Training time", "Training time (min) ↓ better", labels, Family(MetricNames.TrainSeconds, 1 / 60.0), bars: true, "Family"),
        ];
        FigureCanvas.Save(path, $"Figure 1 — fixed-rank vs adaptive LoRA ({task}; mean, 95% CI over seeds, dots = seeds)", panels, 2);
    }

    /// <summary>Figure 2: all configs: accuracy, memory, parameters, and accuracy against training time.</summary>
    public static void Figure2(ResultTable table, string task, string path)
    {
        var presets = table.PresetsOf(task);
        double[][] Per(string metric, double scale) =>
            presets.Select(p => table.Finite(task, p, metric).Values.Select(v => v * scale).ToArray()).ToArray();
        var q = Quality(table, task);
        var labels = presets.ToArray();
        Plot[] panels =
        [
            CategoryPanel.Build($"(a) {Title(q.Metric)} per config", q.Label, labels, Per(q.Metric, q.Scale), bars: false),
            CategoryPanel.Build("(b) Peak memory per config", "Peak memory (GiB) ↓ better", labels, Per(MetricNames.PeakMemoryBytes, 1 / Gib), bars: true),
            CategoryPanel.Build("(c) Trainable parameters per config", "Trainable parameters (millions) ↓ better", labels, Per(MetricNames.TrainableParams, 1e-6), bars: true),
            Tradeoff(table, task, presets, q),
        ];
        FigureCanvas.Save(path, $"Figure 2 — all LoRA configurations ({task}; mean, 95% CI over seeds, dots = seeds)", panels, 2);
    }

    private static Plot Tradeoff(ResultTable table, string task, IReadOnlyList<string> presets, (string Metric, string Label, double Scale) q)
    {
        var plot = FigureCanvas.NewPanel($"(d) {Title(q.Metric)} vs training time", "Training time (min) ← better", q.Label);
        var palette = new ScottPlot.Palettes.Category10();
        var any = false;
        for (var i = 0; i < presets.Count; i++)
        {
            var (_, time, accuracy) = PairedMetrics(table, task, presets[i], q.Metric);
            if (time.Length == 0) continue;
            any = true;
            var color = palette.GetColor(i);
            plot.Add.Markers(time.Select(t => t / 60).ToArray(), accuracy.Select(a => a * q.Scale).ToArray(), MarkerShape.FilledCircle, 6, color.WithAlpha(0.5));
            var mean = plot.Add.Markers(new[] { time.Average() / 60 }, new[] { accuracy.Average() * q.Scale }, MarkerShape.FilledDiamond, 13, color);
            mean.LegendText = presets[i];
        }
        if (!any) plot.Add.Annotation("no data");
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontName = FigureCanvas.FontFamily;
        return plot;
    }

    /// <summary>Train seconds and the quality metric of one preset on the seeds where both are finite.</summary>
    private static (int[] Seeds, double[] Time, double[] Quality) PairedMetrics(ResultTable table, string task, string preset, string metric)
    {
        var time = table.Finite(task, preset, MetricNames.TrainSeconds);
        var acc = table.Finite(task, preset, metric);
        var seeds = time.Keys.Where(acc.ContainsKey).ToArray();
        return (seeds, seeds.Select(s => time[s]).ToArray(), seeds.Select(s => acc[s]).ToArray());
    }

    /// <summary>Figure 3: B-FP vs B-Q4: peak memory (with the measured reduction) and accuracy.</summary>
    public static void Figure3(ResultTable table, string task, string path)
    {
        string[] labels = [$"{Presets.FullPrecision}\n16-bit base", $"{Presets.FourBit}\nNF4 4-bit base"];
        double[][] Two(string metric, double scale) =>
        [
            table.Finite(task, Presets.FullPrecision, metric).Values.Select(v => v * scale).ToArray(),
            table.Finite(task, Presets.FourBit, metric).Values.Select(v => v * scale).ToArray(),
        ];
        var (_, fp, q4) = table.Paired(task, Presets.FullPrecision, Presets.FourBit, MetricNames.PeakMemoryBytes);
        var reduction = fp.Length == 0 ? "n/a" : Claims.Fmt.Pct(Descriptive.Mean(fp.Zip(q4, (f, q) => 1 - q / f).ToArray()));
        var q = Quality(table, task);
        Plot[] panels =
        [
            CategoryPanel.Build($"(a) Peak memory: reduction {reduction} (paper 24.8%)", "Peak memory (GiB) ↓ better", labels, Two(MetricNames.PeakMemoryBytes, 1 / Gib), bars: true),
            CategoryPanel.Build($"(b) {Title(q.Metric)}", q.Label, labels, Two(q.Metric, q.Scale), bars: false),
        ];
        FigureCanvas.Save(path, $"Figure 3 — impact of 4-bit quantization ({task}; mean, 95% CI over seeds)", panels, 2);
    }

    private static string Title(string metric) => metric == MetricNames.Perplexity ? "Perplexity" : "Accuracy";
}
