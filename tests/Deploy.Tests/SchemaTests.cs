using System.Text.Json.Nodes;
using Sweep.Deploy.Tests.Support;
using Sweep.Deploy.Tests.Validation;

namespace Sweep.Deploy.Tests;

/// <summary>
/// Every rendered object validates offline against the API schemas, with two independent checkers: the Kubernetes .NET
/// client's models with strict parsing (unknown fields in built-in kinds) and npm kubernetes-models with its KEDA and
/// prometheus-operator packages (types, required fields, enums; CRDs included). Each checker is shown to fail on a
/// manifest with one deliberate mistake.
/// </summary>
[Category(Category.Deploy)]
public sealed class SchemaTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Built_in_objects_pass_strict_parsing(string overlay)
    {
        var all = Overlays.Render(overlay);
        Assert.Empty(StrictSchemaCheck.Problems(all));
        Assert.True(all.Count(StrictSchemaCheck.IsBuiltIn) >= 20, $"only {all.Count(StrictSchemaCheck.IsBuiltIn)} built-in objects checked");
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_object_passes_the_npm_schemas(string overlay) =>
        Assert.Empty(NodeSchemaCheck.Problems(Overlays.Render(overlay)));

    [Fact]
    public void A_misspelled_field_fails_strict_parsing()
    {
        var mutant = Overlays.Render("dev").With("Deployment", "sweep-worker-cpu", d =>
        {
            var port = d.FirstContainer()["ports"]![0]!.AsObject();
            port["containerPrt"] = port["containerPort"]!.DeepClone();
            port.Remove("containerPort");
        });
        var problem = Assert.Single(StrictSchemaCheck.Problems(mutant));
        Assert.StartsWith("Deployment/sweep-worker-cpu:", problem);
        Assert.Contains("containerPrt", problem);
    }

    [Fact]
    public void A_misspelled_field_in_a_network_policy_fails_strict_parsing()
    {
        var mutant = Overlays.Render("prod").With("NetworkPolicy", "sweep-silos", p =>
        {
            var spec = p["spec"]!.AsObject();
            spec["podSelectr"] = spec["podSelector"]!.DeepClone();
            spec.Remove("podSelector");
        });
        Assert.Contains(StrictSchemaCheck.Problems(mutant), p => p.StartsWith("NetworkPolicy/sweep-silos:", StringComparison.Ordinal) && p.Contains("podSelectr"));
    }

    [Fact]
    public void A_wrong_type_in_a_scaled_object_fails_the_keda_schema()
    {
        var mutant = Overlays.Render("prod").With("ScaledObject", "sweep-worker-cuda", s => s["spec"]!["minReplicaCount"] = "zero");
        var problem = Assert.Single(NodeSchemaCheck.Problems(mutant));
        Assert.StartsWith("ScaledObject/sweep-worker-cuda:", problem);
        Assert.Contains("/spec/minReplicaCount", problem);
    }

    [Fact]
    public void A_wrong_type_in_a_service_monitor_fails_the_prometheus_operator_schema()
    {
        var mutant = Overlays.Render("prod").With("ServiceMonitor", "sweep-silos", s => s["spec"]!["endpoints"]![0]!["port"] = 8080);
        var problem = Assert.Single(NodeSchemaCheck.Problems(mutant));
        Assert.Contains("/spec/endpoints/0/port", problem);
    }

    [Fact]
    public void A_misspelled_field_in_a_scaled_object_fails_the_declared_fields_check()
    {
        var mutant = Overlays.Render("dev").With("ScaledObject", "sweep-worker-cpu", s =>
        {
            var spec = s["spec"]!.AsObject();
            spec["cooldownPeriods"] = spec["cooldownPeriod"]!.DeepClone();
            spec.Remove("cooldownPeriod");
            s["spec"]!["triggers"]![0]!["metricTyp"] = "AverageValue";
        });
        var problem = Assert.Single(NodeSchemaCheck.Problems(mutant));
        Assert.StartsWith("ScaledObject/sweep-worker-cpu:", problem);
        Assert.Contains("/spec/cooldownPeriods is not a field of ScaledObjectSpec", problem);
        Assert.Contains("/spec/triggers/0/metricTyp is not a field of ScaleTriggers", problem);
    }

    [Fact]
    public void A_misspelled_field_in_a_service_monitor_fails_the_declared_fields_check()
    {
        var mutant = Overlays.Render("prod").With("ServiceMonitor", "sweep-silos", s => s["spec"]!["endpoints"]![0]!["intervall"] = "15s");
        var problem = Assert.Single(NodeSchemaCheck.Problems(mutant));
        Assert.Contains("/spec/endpoints/0/intervall is not a field of Endpoint", problem);
    }

    [Fact]
    public void A_missing_required_field_fails_the_npm_schema()
    {
        var mutant = Overlays.Render("dev").With("Deployment", "sweep-control", d => d["spec"]!.AsObject().Remove("selector"));
        var problem = Assert.Single(NodeSchemaCheck.Problems(mutant));
        Assert.StartsWith("Deployment/sweep-control:", problem);
        Assert.Contains("selector", problem);
    }

    [Fact]
    public void A_kind_with_no_schema_fails()
    {
        var widget = new Manifest(new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } });
        var problem = Assert.Single(NodeSchemaCheck.Problems([widget]));
        Assert.Contains("no schema for apiVersion example.com/v1 kind Widget", problem);
    }
}
