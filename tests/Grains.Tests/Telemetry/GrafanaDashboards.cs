using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>One query of a dashboard panel.</summary>
public sealed record PanelQuery(string Dashboard, string Panel, string RefId, string Expr, bool Instant);

/// <summary>The dashboards under k8s/components/grafana-dashboards/dashboards, read as JSON, and their panels' PromQL with the variables substituted.</summary>
public static partial class GrafanaDashboards
{
    public static string Folder(string repositoryRoot) => Path.Combine(repositoryRoot, "k8s", "components", "grafana-dashboards");

    public static IReadOnlyList<(string File, JsonElement Root)> Load(string repositoryRoot) =>
        Directory.GetFiles(Path.Combine(Folder(repositoryRoot), "dashboards"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()))
            .ToList();

    public static IEnumerable<JsonElement> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray().SelectMany(p =>
            p.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(p) : [p]);

    public static IEnumerable<PanelQuery> Queries(string file, JsonElement dashboard) =>
        Panels(dashboard).Where(p => p.TryGetProperty("targets", out _)).SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t =>
            new PanelQuery(file, p.GetProperty("title").GetString()!, t.GetProperty("refId").GetString()!, t.GetProperty("expr").GetString()!,
                t.TryGetProperty("instant", out var i) && i.GetBoolean())));

    public static IEnumerable<(string Name, string Query)> Variables(JsonElement dashboard) =>
        dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v =>
            (v.GetProperty("name").GetString()!, v.GetProperty("definition").GetString()!));

    /// <summary>Grafana's built-in variables the panels may use, with the values the tests give them.</summary>
    public static readonly IReadOnlyList<string> BuiltIns = ["__rate_interval", "__range", "__interval"];

    /// <summary>Replaces <c>$name</c> and <c>${name}</c> by <paramref name="values"/>; a variable without a value is an error.</summary>
    public static string Substitute(string expr, IReadOnlyDictionary<string, string> values) =>
        VariableReference().Replace(expr, m =>
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            return values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no value for ${name} in: {expr}");
        });

    /// <summary>The variables an expression refers to.</summary>
    public static IEnumerable<string> VariablesIn(string expr) =>
        VariableReference().Matches(expr).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct();

    /// <summary>The metric names an expression reads (<c>sweep_…</c> and <c>orleans_…</c>).</summary>
    public static IEnumerable<string> MetricsIn(string expr) => MetricName().Matches(expr).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\b(?:sweep|orleans)_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
