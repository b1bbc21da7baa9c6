using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis.Reports;

/// <summary>How a metric is shown to a person: accuracy-like fractions in percentage points, memory in GiB, time in
/// minutes, everything else as stored. One place, so Table 1 and the significance table agree.</summary>
public static class DisplayUnits
{
    /// <param name="Header">Table 1 column header.</param>
    /// <param name="Suffix">unit of a shown value or difference (" pts", " GiB", " min", or "" for the metric's own unit).</param>
    /// <param name="Scale">factor from the stored value to the shown one.</param>
    public sealed record Unit(string Header, string Suffix, double Scale, int Digits);

    /// <summary>The unit with the metric's better direction in the header (↑ higher is better, ↓ lower is better).</summary>
    public static Unit Of(ResultTable table, string task, string metric)
    {
        var u = Plain(table, task, metric);
        var arrow = MetricDirections.Arrow(metric);
        return arrow.Length == 0 ? u : u with { Header = $"{u.Header} {arrow}" };
    }

    private static Unit Plain(ResultTable table, string task, string metric) => metric switch
    {
        MetricNames.Accuracy => Fraction(table, task, metric, "Accuracy"),
        MetricNames.F1 => Fraction(table, task, metric, "F1"),
        MetricNames.F1Macro => Fraction(table, task, metric, "Macro F1"),
        MetricNames.Perplexity => new("Perplexity", "", 1, 2),
        MetricNames.EvalLoss => new("Eval loss", "", 1, 4),
        MetricNames.TrainableParams => new("Trainable params", "", 1, 0),
        MetricNames.PeakMemoryBytes => new("Memory (GiB)", " GiB", 1.0 / (1L << 30), 2),
        MetricNames.TrainSeconds => new("Time (min)", " min", 1.0 / 60, 2),
        MetricNames.TokensPerSecond => new("Tokens/s", "", 1, 0),
        MetricNames.PerplexityBefore => new("Perplexity before", "", 1, 2),
        _ => new(metric, "", 1, 3),
    };

    private static Unit Fraction(ResultTable table, string task, string metric, string name) =>
        table.PointsPerUnit(task, metric) == 100 ? new($"{name} (%)", " pts", 100, 2) : new(name, "", 1, 4);
}
