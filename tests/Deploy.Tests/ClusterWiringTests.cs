using System.Globalization;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests;

/// <summary>
/// The silo pods form one Orleans cluster: the same service and cluster ids (settings and the orleans/* labels), pools
/// told apart by their own label, each pod advertising its own IP, ports that match the settings, the shared Azure
/// clustering and storage, and a stop grace longer than a worker's drain.
/// </summary>
[Category(Category.Deploy)]
public sealed class ClusterWiringTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Silo_pods_share_one_cluster_identity_and_differ_by_pool(string overlay)
    {
        var all = Overlays.Render(overlay);
        var silos = Silos(all);
        Assert.Equal(3, silos.Count);
        foreach (var silo in silos)
        {
            var labels = PodEnvironment.PodLabels(silo);
            var env = PodEnvironment.Of(silo, all);
            Assert.Equal(env["Sweep__ServiceId"], (string?)labels["orleans/serviceId"]);
            Assert.Equal(env["Sweep__ClusterId"], (string?)labels["orleans/clusterId"]);
            Assert.Equal("<field:status.podIP>", env["Sweep__AdvertisedAddress"]);
            Assert.Equal("azure", env["Sweep__Clustering"]);
            Assert.Equal("azure", env["Sweep__Storage"]);
            var ports = silo.Body.FirstContainer()["ports"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => ((long)p!["containerPort"]!).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(env["Sweep__SiloPort"], ports["silo"]);
            Assert.Equal(env["Sweep__GatewayPort"], ports["gateway"]);
            Assert.Contains("sweep/pool", silo.Body["spec"]!["selector"]!["matchLabels"]!.AsObject().Select(kv => kv.Key));
        }
        Assert.Single(silos.Select(s => (string?)PodEnvironment.PodLabels(s)["orleans/serviceId"]).Distinct());
        Assert.Single(silos.Select(s => (string?)PodEnvironment.PodLabels(s)["orleans/clusterId"]).Distinct());
        Assert.Equal(silos.Count, silos.Select(s => (string?)PodEnvironment.PodLabels(s)["sweep/pool"]).Distinct().Count());
        Assert.Equal(["Control", "Worker", "Worker"], silos.Select(s => PodEnvironment.Of(s, all)["Sweep__Role"]).Order());
        Assert.Equal("control", (string?)all.Find("Service", "sweep-gateway").Body["spec"]!["selector"]!["sweep/pool"]);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Workers_get_longer_to_stop_than_their_drain_takes(string overlay)
    {
        var all = Overlays.Render(overlay);
        foreach (var worker in Silos(all).Where(s => PodEnvironment.Of(s, all)["Sweep__Role"] == "Worker"))
        {
            var drain = TimeSpan.ParseExact(PodEnvironment.Of(worker, all)["Sweep__DrainGrace"], @"hh\:mm\:ss", CultureInfo.InvariantCulture);
            var grace = (long)worker.Body["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!;
            Assert.True(grace >= drain.TotalSeconds + 15, $"{worker.Id}: {grace} s to stop, {drain.TotalSeconds} s of drain");
        }
    }

    [Fact]
    public void Dev_reads_the_storage_from_a_secret_and_prod_from_its_workload_identity()
    {
        var dev = Overlays.Render("dev");
        foreach (var d in dev.Where(m => m.Kind == "Deployment" && m.Name.StartsWith("sweep-", StringComparison.Ordinal)))
            Assert.StartsWith("<secret:sweep-storage-", PodEnvironment.Of(d, dev)["Sweep__Azure__ConnectionString"]);
        Assert.Contains(dev, m => m.Kind == "Secret" && m.Name.StartsWith("sweep-storage-", StringComparison.Ordinal));

        var prod = Overlays.Render("prod");
        Assert.DoesNotContain(prod, m => m.Kind == "Secret");
        foreach (var d in prod.Where(m => m.Kind == "Deployment"))
        {
            var env = PodEnvironment.Of(d, prod);
            Assert.False(env.ContainsKey("Sweep__Azure__ConnectionString"), d.Id);
            Assert.StartsWith("https://", env["Sweep__Azure__AccountUrl"]);
            Assert.Equal("true", (string?)PodEnvironment.PodLabels(d)["azure.workload.identity/use"]);
        }
        Assert.All(prod.Where(m => m.Kind == "ServiceAccount"), sa => Assert.NotNull(sa.Body["metadata"]!["annotations"]!["azure.workload.identity/client-id"]));
    }

    private static List<Manifest> Silos(IReadOnlyList<Manifest> all) =>
        all.Where(m => m.Kind == "Deployment" && (string?)PodEnvironment.PodLabels(m)["app.kubernetes.io/name"] == "sweep-silo").ToList();
}
