using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>One metric family of a Prometheus text exposition: its type and the label names its samples carry.</summary>
public sealed record MetricFamily(string Name, string Type, IReadOnlySet<string> Labels, int Series);

/// <summary>Reads the Prometheus text format (version 0.0.4) as far as the tests need: families, types, label names, series.</summary>
public static partial class PrometheusText
{
    public static IReadOnlyDictionary<string, MetricFamily> Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var labels = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var series = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TypeLine().Match(line) is { Success: true } t) { types[t.Groups[1].Value] = t.Groups[2].Value; continue; }
            if (line.StartsWith('#')) continue;
            var sample = SampleLine().Match(line);
            if (!sample.Success) throw new FormatException($"not a sample line: {line}");
            var family = FamilyOf(sample.Groups[1].Value, types);
            var names = LabelPair().Matches(sample.Groups[2].Value).Select(m => m.Groups[1].Value).Where(n => n != "le" && n != "quantile");
            (labels.TryGetValue(family, out var set) ? set : labels[family] = new HashSet<string>(StringComparer.Ordinal)).UnionWith(names);
            series[family] = series.GetValueOrDefault(family) + 1;
            _ = double.Parse(sample.Groups[3].Value.Replace("+Inf", "Infinity").Replace("-Inf", "-Infinity"), CultureInfo.InvariantCulture);
        }
        return types.ToDictionary(t => t.Key, t => new MetricFamily(t.Key, t.Value,
            labels.GetValueOrDefault(t.Key) ?? [], series.GetValueOrDefault(t.Key)), StringComparer.Ordinal);
    }

    /// <summary>Sample lines in the exposition: one per series (a histogram's buckets, sum and count each count).</summary>
    public static int CountSamples(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Count(l => !l.StartsWith('#'));

    private static string FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sampleName)) return sampleName;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count", "_total", "_created" })
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && types.ContainsKey(sampleName[..^suffix.Length])) return sampleName[..^suffix.Length];
        return sampleName;
    }

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \S+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""(?:[^""\\]|\\.)*""")]
    private static partial Regex LabelPair();
}
