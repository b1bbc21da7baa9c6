using System.Text.Json;
using Sweep.Grains.Tests.Workers;
using YamlDotNet.RepresentationModel;

namespace Sweep.Grains.Tests.Telemetry;

/// <summary>
/// The structure of the Grafana dashboards as code (no Grafana can run here): fixed uids, a current schema version,
/// panels of the four kinds laid out on the 24-column grid, every query against the provisioned Prometheus datasource,
/// every variable it uses defined, every metric it reads catalogued in docs/metrics.md.
/// </summary>
[Category(Category.Unit)]
public sealed class DashboardStructureTests
{
    private static readonly string Root = DotnetCli.RepositoryRoot();
    private static readonly HashSet<string> PanelTypes = ["timeseries", "stat", "heatmap", "table"];

    [Fact]
    public void The_two_dashboards_have_fixed_uids_and_a_current_schema()
    {
        var dashboards = GrafanaDashboards.Load(Root);
        Assert.Equal(["sweep-cluster.json", "sweep-experiment.json"], dashboards.Select(d => d.File));
        foreach (var (file, d) in dashboards)
        {
            Assert.Equal(Path.GetFileNameWithoutExtension(file), d.GetProperty("uid").GetString());
            Assert.InRange(d.GetProperty("schemaVersion").GetInt32(), 39, 45);
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("title").GetString()));
            Assert.False(d.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null, $"{file}: a provisioned dashboard carries no numeric id");
        }
    }

    [Fact]
    public void Panels_are_of_the_four_kinds_on_the_grid_with_unique_ids_and_the_Prometheus_datasource()
    {
        var seenTypes = new HashSet<string>();
        foreach (var (file, d) in GrafanaDashboards.Load(Root))
        {
            var panels = GrafanaDashboards.Panels(d).ToList();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var p in panels)
            {
                var title = $"{file} '{p.GetProperty("title").GetString()}'";
                var type = p.GetProperty("type").GetString()!;
                Assert.True(PanelTypes.Contains(type), $"{title}: panel type {type}");
                seenTypes.Add(type);
                var grid = p.GetProperty("gridPos");
                var (x, w, h) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
                Assert.True(x >= 0 && w > 0 && h > 0 && x + w <= 24, $"{title}: gridPos x={x} w={w} h={h}");
                Assert.Equal("prometheus", p.GetProperty("datasource").GetProperty("uid").GetString());
                var targets = p.GetProperty("targets").EnumerateArray().ToList();
                Assert.NotEmpty(targets);
                Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
                foreach (var t in targets)
                {
                    Assert.Equal("prometheus", t.GetProperty("datasource").GetProperty("uid").GetString());
                    Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), $"{title}: empty expression");
                }
            }
            AssertNoOverlap(file, panels);
        }
        Assert.Equal(PanelTypes, seenTypes);
    }

    [Fact]
    public void Every_variable_a_query_uses_is_defined_and_the_dashboards_offer_experiment_accelerator_and_silo()
    {
        var offered = new HashSet<string>();
        foreach (var (file, d) in GrafanaDashboards.Load(Root))
        {
            var defined = GrafanaDashboards.Variables(d).Select(v => v.Name).ToHashSet();
            offered.UnionWith(defined);
            foreach (var q in GrafanaDashboards.Queries(file, d))
                foreach (var v in GrafanaDashboards.VariablesIn(q.Expr))
                    Assert.True(defined.Contains(v) || GrafanaDashboards.BuiltIns.Contains(v), $"{file} '{q.Panel}': ${v} is not defined");
        }
        Assert.Superset(new HashSet<string>(["experiment", "accelerator", "silo"]), offered);
    }

    [Fact]
    public void Every_metric_a_query_reads_is_in_the_catalogue_or_Orleans_own()
    {
        var catalogue = MetricCatalogue.Read(MetricCatalogue.PathIn(Root)).Select(c => c.Name).ToHashSet();
        foreach (var (file, d) in GrafanaDashboards.Load(Root))
            foreach (var q in GrafanaDashboards.Queries(file, d))
                foreach (var m in GrafanaDashboards.MetricsIn(q.Expr).Where(m => m.StartsWith("sweep_", StringComparison.Ordinal)))
                {
                    var family = m.EndsWith("_bucket", StringComparison.Ordinal) ? m[..^"_bucket".Length] : m;
                    Assert.True(catalogue.Contains(family), $"{file} '{q.Panel}': {m} is not in docs/metrics.md");
                }
    }

    [Fact]
    public void Provisioning_names_the_datasource_uid_the_dashboards_use_and_loads_the_dashboards_folder()
    {
        var datasource = Yaml(Path.Combine(GrafanaDashboards.Folder(Root), "provisioning", "datasources", "prometheus.yaml"));
        var source = (YamlMappingNode)((YamlSequenceNode)datasource["datasources"])[0];
        Assert.Equal("prometheus", Scalar(source, "uid"));
        Assert.Equal("prometheus", Scalar(source, "type"));
        var dashboards = Yaml(Path.Combine(GrafanaDashboards.Folder(Root), "provisioning", "dashboards", "sweep.yaml"));
        var provider = (YamlMappingNode)((YamlSequenceNode)dashboards["providers"])[0];
        Assert.Equal("file", Scalar(provider, "type"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar((YamlMappingNode)provider["options"], "path")));
    }

    private static void AssertNoOverlap(string file, List<JsonElement> panels)
    {
        var cells = new HashSet<(int, int)>();
        foreach (var p in panels)
        {
            var g = p.GetProperty("gridPos");
            for (var x = g.GetProperty("x").GetInt32(); x < g.GetProperty("x").GetInt32() + g.GetProperty("w").GetInt32(); x++)
                for (var y = g.GetProperty("y").GetInt32(); y < g.GetProperty("y").GetInt32() + g.GetProperty("h").GetInt32(); y++)
                    Assert.True(cells.Add((x, y)), $"{file}: '{p.GetProperty("title").GetString()}' overlaps another panel at ({x}, {y})");
        }
    }

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
