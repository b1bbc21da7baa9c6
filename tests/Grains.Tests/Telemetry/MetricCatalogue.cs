using System.Text.RegularExpressions;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>A row of docs/metrics.md: a metric's Prometheus name, type, unit, labels and meaning.</summary>
public sealed record CataloguedMetric(string Name, string Type, string Unit, IReadOnlySet<string> Labels, string Meaning);

/// <summary>Reads the metric tables of docs/metrics.md (rows whose first cell is a <c>`sweep_…`</c> name).</summary>
public static partial class MetricCatalogue
{
    public static string PathIn(string repositoryRoot) => Path.Combine(repositoryRoot, "docs", "metrics.md");

    public static IReadOnlyList<CataloguedMetric> Read(string path) =>
        File.ReadLines(path)
            .Select(l => Row().Match(l))
            .Where(m => m.Success)
            .Select(m => new CataloguedMetric(m.Groups[1].Value, m.Groups[2].Value.Trim(), m.Groups[3].Value.Trim(),
                Backticked().Matches(m.Groups[4].Value).Select(b => b.Groups[1].Value).ToHashSet(StringComparer.Ordinal),
                m.Groups[5].Value.Trim()))
            .ToList();

    [GeneratedRegex(@"^\|\s*`(sweep_[a-z0-9_]+)`\s*\|([^|]*)\|([^|]*)\|([^|]*)\|(.*)\|\s*$")]
    private static partial Regex Row();

    [GeneratedRegex(@"`([a-z_]+)`")]
    private static partial Regex Backticked();
}
