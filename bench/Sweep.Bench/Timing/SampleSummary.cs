using System.Globalization;

namespace Sweep.Bench.Timing;

/// <summary>
/// Median and spread of a set of samples (times or ratios): the median, the interquartile range (25th–75th
/// percentile, linear interpolation between order statistics) and the full range.
/// </summary>
public sealed record SampleSummary(int Count, double Median, double LowerQuartile, double UpperQuartile, double Min, double Max)
{
    public static SampleSummary Of(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.ToArray();
        if (sorted.Length == 0) throw new ArgumentException("at least one sample is needed", nameof(samples));
        if (sorted.Any(double.IsNaN)) throw new ArgumentException("samples must not be NaN", nameof(samples));
        Array.Sort(sorted);
        return new SampleSummary(sorted.Length, Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75),
            sorted[0], sorted[^1]);
    }

    /// <summary>
    /// Summary of the per-round ratios <c>numerator[r] / denominator[r]</c>: both were measured in the same round,
    /// so slow and fast phases of a shared machine largely cancel out of each ratio.
    /// </summary>
    public static SampleSummary OfRatios(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        if (numerator.Count != denominator.Count)
            throw new ArgumentException($"ratios need paired samples: {numerator.Count} vs {denominator.Count}", nameof(denominator));
        return Of(numerator.Select((n, r) => n / denominator[r]));
    }

    /// <summary>The <paramref name="q"/>-quantile of ascending <paramref name="sorted"/> samples (linear interpolation).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("at least one sample is needed", nameof(sorted));
        if (q is < 0 or > 1 || double.IsNaN(q)) throw new ArgumentOutOfRangeException(nameof(q), q, "quantile must be in [0, 1]");
        return Analysis.Statistics.PairedBootstrap.Percentile(sorted, q);
    }

    /// <summary>This summary with every value multiplied by <paramref name="factor"/> (e.g. seconds to milliseconds).</summary>
    public SampleSummary Scaled(double factor) => factor >= 0
        ? new(Count, Median * factor, LowerQuartile * factor, UpperQuartile * factor, Min * factor, Max * factor)
        : throw new ArgumentOutOfRangeException(nameof(factor), factor, "a negative factor would swap the quartiles");

    /// <summary>"median [IQR q1–q3, range min–max]" with the given numeric format and unit.</summary>
    public string Format(string format = "F2", string unit = "")
    {
        string F(double v) => v.ToString(format, CultureInfo.InvariantCulture);
        return $"{F(Median)}{unit} [IQR {F(LowerQuartile)}–{F(UpperQuartile)}, range {F(Min)}–{F(Max)}]";
    }
}
