using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests;

/// <summary>Each overlay renders with kubectl and holds every part of the deployment, all in the overlay's namespace.</summary>
[Category(Category.Deploy)]
public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Overlay_renders_every_part_of_the_deployment(string overlay)
    {
        var all = Overlays.Render(overlay);
        string[] expected =
        [
            "Namespace/", "ServiceAccount/sweep-silo", "ServiceAccount/sweep-dashboard", "Role/sweep-prometheus-discovery",
            "RoleBinding/sweep-prometheus-discovery", "Deployment/sweep-control", "Deployment/sweep-worker-cpu",
            "Deployment/sweep-worker-cuda", "Deployment/sweep-dashboard", "Service/sweep-gateway", "Service/sweep-metrics",
            "Service/sweep-dashboard", "PodDisruptionBudget/sweep-control", "PodDisruptionBudget/sweep-worker-cpu",
            "PodDisruptionBudget/sweep-worker-cuda", "NetworkPolicy/sweep-default-deny", "NetworkPolicy/sweep-silos",
            "ServiceMonitor/sweep-silos", "ScaledObject/sweep-worker-cpu",
        ];
        var missing = expected.Where(e => !all.Any(m => m.Id.StartsWith(e, StringComparison.Ordinal) && (e.EndsWith('/') || m.Id == e))).ToList();
        Assert.True(missing.Count == 0, $"{overlay} lacks {string.Join(", ", missing)}");
        Assert.Contains(all, m => m.Kind == "ConfigMap" && m.Name.StartsWith("sweep-settings-", StringComparison.Ordinal));

        var ns = all.Single(m => m.Kind == "Namespace").Name;
        var elsewhere = all.Where(m => m.Kind != "Namespace" && m.Namespace != ns).Select(m => m.Id).ToList();
        Assert.True(elsewhere.Count == 0, $"outside namespace {ns}: {string.Join(", ", elsewhere)}");
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_cuda_pool_asks_for_a_gpu_on_gpu_nodes_and_tolerates_their_taint(string overlay)
    {
        var cuda = Overlays.Render(overlay).Find("Deployment", "sweep-worker-cuda").Body;
        var container = cuda.FirstContainer();
        Assert.Equal("1", (string?)container["resources"]!["limits"]!["nvidia.com/gpu"]);
        var pod = cuda["spec"]!["template"]!["spec"]!;
        Assert.Equal("true", (string?)pod["nodeSelector"]!["nvidia.com/gpu.present"]);
        Assert.Contains(pod["tolerations"]!.AsArray(), t => (string?)t!["key"] == "nvidia.com/gpu" && (string?)t["effect"] == "NoSchedule");

        var cpu = Overlays.Render(overlay).Find("Deployment", "sweep-worker-cpu").Body;
        Assert.Null(cpu.FirstContainer()["resources"]!["limits"]!["nvidia.com/gpu"]);
        Assert.Null(cpu["spec"]!["template"]!["spec"]!["tolerations"]);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Grafana_configmaps_are_generated_from_the_one_copy_of_every_dashboard(string overlay)
    {
        var all = Overlays.Render(overlay);
        var dashboards = all.Find("ConfigMap", "sweep-grafana-dashboards").Body;
        Assert.Equal("1", (string?)dashboards["metadata"]!["labels"]!["grafana_dashboard"]);
        var folder = Repository.Path("k8s", "components", "grafana-dashboards", "dashboards");
        var files = Directory.GetFiles(folder, "*.json").Select(f => System.IO.Path.GetFileName(f)).Order().ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, dashboards["data"]!.AsObject().Select(kv => kv.Key).Order().ToList()); // every dashboard, nothing else
        foreach (var file in files)
            Assert.Equal(File.ReadAllText(System.IO.Path.Combine(folder, file)), (string?)dashboards["data"]![file]); // byte for byte, not a copy that drifts

        var datasource = all.Find("ConfigMap", "sweep-grafana-datasource").Body;
        Assert.Equal("1", (string?)datasource["metadata"]!["labels"]!["grafana_datasource"]);
        Assert.Equal(File.ReadAllText(Repository.Path("k8s", "components", "grafana-dashboards", "provisioning", "datasources", "prometheus.yaml")),
            (string?)datasource["data"]!["prometheus.yaml"]);
    }
}
