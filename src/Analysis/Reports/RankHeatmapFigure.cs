using System.Text.RegularExpressions;
using ScottPlot;
using Sweep.Analysis.Study;

namespace Sweep.Analysis.Reports;

/// <summary>
/// AdaLoRA's final rank per adapted module as a heatmap (layer × module), one panel per preset, averaged over
/// seeds. Module names like <c>bert.encoder.layer.3.attention.self.query</c> or <c>transformer.h.3.attn.c_attn</c>
/// split into layer 3 and module <c>attention.self.query</c>; names without a layer index form row "other".
/// </summary>
public static partial class RankHeatmapFigure
{
    [GeneratedRegex(@"(?:^|\.)(?:layer|layers|h|blocks)\.(\d+)\.(.+)$")]
    private static partial Regex LayerName();

    public static bool HasData(ResultTable table, string task) =>
        table.Completed.Any(t => t.Task == task && t.RankPattern is { Count: > 0 });

    /// <summary>Forward order of the module types within a layer (BERT, then GPT-2).</summary>
    private static readonly string[] ModuleOrder =
    [
        "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
        "intermediate.dense", "output.dense", "attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj",
    ];

    public static void Save(ResultTable table, string task, string path)
    {
        var panels = new List<Plot>();
        // One colour scale for every panel, so equal colours mean equal ranks across presets.
        var all = table.Completed.Where(t => t.Task == task && t.RankPattern is { Count: > 0 }).SelectMany(t => t.RankPattern!.Values).ToList();
        var range = new ScottPlot.Range(all.Min(), Math.Max(all.Max(), all.Min() + 1));
        foreach (var preset in table.PresetsOf(task))
        {
            var patterns = table.Completed.Where(t => t.Task == task && t.Preset == preset && t.RankPattern is { Count: > 0 })
                .Select(t => t.RankPattern!).ToList();
            if (patterns.Count == 0) continue;
            var cells = patterns.SelectMany(p => p).GroupBy(kv => Split(kv.Key))
                .ToDictionary(g => g.Key, g => g.Average(kv => kv.Value));
            var rows = cells.Keys.Select(k => k.Layer).Distinct().OrderBy(l => l == "other" ? int.MaxValue : int.Parse(l)).ToList();
            var cols = cells.Keys.Select(k => k.Module).Distinct()
                .OrderBy(m => Array.IndexOf(ModuleOrder, m) is var i && i >= 0 ? i : ModuleOrder.Length)
                .ThenBy(m => m, StringComparer.Ordinal).ToList();
            var grid = new double[rows.Count, cols.Count];
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < cols.Count; c++)
                    grid[r, c] = cells.TryGetValue((rows[r], cols[c]), out var v) ? v : double.NaN;
            var plot = FigureCanvas.NewPanel($"{preset} (n={patterns.Count} seed{(patterns.Count == 1 ? "" : "s")})", "Module", "Layer");
            var hm = plot.Add.Heatmap(grid);
            hm.Colormap = new ScottPlot.Colormaps.Viridis();
            hm.FlipVertically = true;
            hm.NaNCellColor = Colors.LightGray;
            hm.ManualRange = range;
            plot.Add.ColorBar(hm);
            // Cell (r, c) is centred at x = c, y = r with the default alignment.
            var labels = cols.Select(Short).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(cols.Select((_, i) => (double)i).ToArray(), labels);
            var ticks = TickLayout(labels, PanelWidth - PanelMargins);
            plot.Axes.Bottom.TickLabelStyle.Rotation = ticks.Rotation;
            if (ticks.Rotation != 0)
            {
                plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
                plot.Axes.Bottom.MinimumSize = ticks.AxisHeight;
            }
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                rows.Select((_, i) => (double)i).ToArray(), rows.ToArray());
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < cols.Count; c++)
                    if (double.IsFinite(grid[r, c]) && rows.Count * cols.Count <= 160)
                    {
                        var text = plot.Add.Text(grid[r, c].ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), c, r);
                        text.Alignment = Alignment.MiddleCenter;
                        text.LabelStyle.FontSize = 11;
                        text.LabelStyle.ForeColor = grid[r, c] > range.Min + 0.6 * (range.Max - range.Min) ? Colors.Black : Colors.White;
                    }
            panels.Add(plot);
        }
        FigureCanvas.Save(path, $"AdaLoRA final rank per module ({task}; colour and number = rank kept at the end, mean over seeds)", panels, Math.Min(3, panels.Count), PanelWidth, 560);
    }

    private const int PanelWidth = 620;
    /// <summary>Width of a panel taken by the layer axis, the colour bar and padding: what is left is the cells' width.</summary>
    private const int PanelMargins = 170;
    /// <summary>Approximate width of one character of the 12 pt tick labels, in pixels.</summary>
    private const double CharWidth = 6.6;

    /// <summary>How to set the module names under the cells so they never overlap: level while every name fits its
    /// cell's width, else turned −45° (−90° when even slanted names would touch), with the axis made tall enough for the
    /// longest name.</summary>
    public static (float Rotation, float AxisHeight) TickLayout(IReadOnlyList<string> labels, double plotWidth)
    {
        if (labels.Count == 0) return (0, 0);
        var slot = plotWidth / labels.Count;
        var longest = labels.Max(l => l.Length) * CharWidth;
        if (longest + 6 <= slot) return (0, 0); // a little gap between neighbours
        const double lineHeight = 16;
        var rotation = slot * Math.Sin(Math.PI / 4) >= lineHeight ? -45f : -90f;
        var height = (float)(longest * Math.Abs(Math.Sin(rotation * Math.PI / 180)) + 40);
        return (rotation, height);
    }

    private static (string Layer, string Module) Split(string name)
    {
        var m = LayerName().Match(name);
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value) : ("other", name);
    }

    private static string Short(string module) => module
        .Replace("attention.self.", "attn.", StringComparison.Ordinal)
        .Replace("attention.output.dense", "attn.out", StringComparison.Ordinal)
        .Replace("intermediate.dense", "ffn.in", StringComparison.Ordinal)
        .Replace("output.dense", "ffn.out", StringComparison.Ordinal);

}
