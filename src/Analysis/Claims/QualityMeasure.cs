using Sweep.Analysis.Study;
using Sweep.Settings;

namespace Sweep.Analysis.Claims;

/// <summary>
/// How the quality claims (C1, C2, C5) read a task: classification by accuracy, difference in percentage points, higher
/// is better; language modelling by perplexity, difference as the percent reduction of perplexity, lower is better.
/// <see cref="Gain"/> is oriented so that a positive value always means "better".
/// </summary>
public sealed record QualityMeasure(string Metric, string Name, string Unit, double Margin, Func<double, double, double> GainOf,
    Func<double, string> Show)
{
    /// <summary>How much better <paramref name="b"/> is than <paramref name="a"/>, in <see cref="Unit"/>.</summary>
    public double Gain(double a, double b) => GainOf(a, b);

    /// <summary>Accuracy when the task has it, else perplexity; null when it has neither.</summary>
    public static QualityMeasure? For(ResultTable table, string task, AnalysisOptions o)
    {
        var metrics = table.MetricsOf(task);
        if (metrics.Contains(MetricNames.Accuracy))
        {
            var scale = table.PointsPerUnit(task, MetricNames.Accuracy);
            var pct = scale == 100 ? "%" : "";
            return new(MetricNames.Accuracy, "accuracy", "pts", o.EquivalenceMarginPoints, (a, b) => (b - a) * scale,
                v => Fmt.N(v * scale, 2) + pct);
        }
        if (metrics.Contains(MetricNames.Perplexity))
            return new(MetricNames.Perplexity, "perplexity reduction", "%", o.EquivalenceMarginPercent, (a, b) => 100 * (1 - b / a),
                v => "perplexity " + Fmt.N(v, 2));
        return null;
    }
}
