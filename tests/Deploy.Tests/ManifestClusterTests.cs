using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sweep.Deploy.Tests.Pods;
using Sweep.Deploy.Tests.Support;
using Sweep.Grains.Hosting;

namespace Sweep.Deploy.Tests;

/// <summary>
/// The dev overlay's silo Deployments run here as real <c>sweep-silo</c> processes, each with the command, arguments and
/// environment its pod would get (resolved from the rendered objects by <see cref="PodLaunch"/>; the only substitutions
/// are the pod network's, listed in <see cref="PodNetwork"/>), against a real Azurite behind the overlay's azurite
/// Service. A small real sweep goes in through the gateway Service, as docs/kubernetes.md tells users to. A wrong setting
/// name or value in a manifest stops the silo with exit 2 naming it, so it fails here.
/// </summary>
[Category(Category.Deploy)]
public sealed class ManifestClusterTests
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(2);

    [LinuxFact("pods advertise loopback addresses 127.0.0.2 and up, which only Linux routes without setup")]
    public async Task The_dev_overlays_silo_pods_form_a_cluster_that_runs_a_sweep_submitted_through_the_gateway_service()
    {
        var objects = Overlays.Render("dev");
        await using var cluster = await LocalCluster.StartAsync(objects);

        // worker-cuda is not started: there is no GPU here, and the dev overlay gives it 0 replicas (KEDA sizes it elsewhere).
        // Its pod is still resolved, and every setting it names must bind to a silo option with a valid value.
        var cuda = cluster.Launch("sweep-worker-cuda", podIp: "10.0.0.9");
        Assert.Equal(0, Replicas(objects.Find("Deployment", "sweep-worker-cuda")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, cuda.Command[^1])), $"{cuda.Image.Dockerfile} runs {string.Join(' ', cuda.Command)}");
        Assert.Empty(InvalidSiloSettings(cuda.Environment));

        var silos = objects.Where(m => m.Kind == "Deployment" && (string?)PodEnvironment.PodLabels(m)["app.kubernetes.io/name"] == "sweep-silo"
            && m.Name != "sweep-worker-cuda").ToList();
        Assert.Equal(["sweep-control", "sweep-worker-cpu"], silos.Select(d => d.Name).Order());
        foreach (var deployment in silos) await cluster.ScaleAsync(deployment.Name, Replicas(deployment));
        foreach (var pod in cluster.AllPods) await pod.WaitReadyAsync(ReadyWithin);

        using var work = new TempDirectory("manifest-sweep");
        var spec = work.Write("spec.yaml", """
            name: manifest-cluster
            tasks: [{ name: sentiment, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Ada]
            seeds: [1, 2]
            training: { max_steps: 20 }
            """);
        var gateway = string.Join(',', cluster.Endpoints("sweep-gateway", "gateway").Select(e => e.Endpoint));
        var run = await SweepConsole.RunAsync(TimeSpan.FromMinutes(4), "run", spec, "--cluster", gateway, "--out", work.File("out"), "--connect-timeout", "60");
        Assert.True(run.ExitCode == 0, $"{run}\n{Logs(cluster)}");

        var trials = JsonNode.Parse(File.ReadAllText(work.File("out/results.json")))!["trials"]!.AsArray();
        Assert.Equal(4, trials.Count);
        Assert.All(trials, t => Assert.Equal("Completed", (string?)t!["state"]));
        // the trials ran on the worker pod, which advertised its own pod IP
        var worker = Assert.Single(cluster.Pods("sweep-worker-cpu"));
        Assert.All(trials, t => Assert.StartsWith(worker.Ip + ":", (string?)t!["silo"]));
    }

    public static readonly TheoryData<string, string, string> Mistakes = new()
    {
        // a ConfigMap key misspelt, a ConfigMap value that is no choice, an env entry of the Deployment misspelt
        { "sweep-pool-cpu", "Sweep__Slots=>Sweep__Slot", "Sweep:Slot: not a setting" },
        { "sweep-pool-cpu", "Sweep__Role=Wroker", "Sweep:Role: 'Wroker' is not one of" },
        { "sweep-worker-cpu", "Sweep__AdvertisedAddress=>Sweep__AdvertisedAdress", "Sweep:AdvertisedAdress: not a setting" },
    };

    [LinuxTheory("pods advertise loopback addresses 127.0.0.2 and up, which only Linux routes without setup")]
    [MemberData(nameof(Mistakes))]
    public async Task A_misspelt_setting_or_bad_value_in_a_manifest_stops_the_started_silo_with_exit_2_naming_it(string target, string change, string message)
    {
        var objects = Mutate(Overlays.Render("dev"), target, change);
        await using var cluster = await LocalCluster.StartAsync(objects);
        var pod = Assert.Single(await cluster.ScaleAsync("sweep-worker-cpu", 1));
        var exit = await pod.WaitExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 2, $"exit {exit?.ToString() ?? "(still running)"}:\n{pod.Log}");
        Assert.Contains(message, pod.Log);
    }

    /// <summary>Applies "KEY=>NEWKEY" (rename) or "KEY=VALUE" (new value) to a ConfigMap's data or a Deployment's first container's env.</summary>
    private static IReadOnlyList<Manifest> Mutate(IReadOnlyList<Manifest> objects, string target, string change)
    {
        var rename = change.Contains("=>");
        var parts = change.Split(rename ? "=>" : "=", 2);
        var map = objects.SingleOrDefault(m => m.Kind == "ConfigMap" && m.Name.StartsWith(target + "-", StringComparison.Ordinal));
        if (map is not null)
            return objects.With("ConfigMap", map.Name, body =>
            {
                var data = body["data"]!.AsObject();
                if (!data.ContainsKey(parts[0])) throw new InvalidOperationException($"{map.Name} has no {parts[0]}");
                if (rename) { var value = data[parts[0]]!.DeepClone(); data.Remove(parts[0]); data[parts[1]] = value; }
                else data[parts[0]] = parts[1];
            });
        return objects.With("Deployment", target, body =>
        {
            var item = body.FirstContainer()["env"]!.AsArray().Single(e => (string?)e!["name"] == parts[0])!;
            if (rename) item["name"] = parts[1];
            else { item.AsObject().Remove("valueFrom"); item["value"] = parts[1]; }
        });
    }

    /// <summary>Replicas a Deployment starts with: its spec, else Kubernetes' default of 1.</summary>
    private static int Replicas(Manifest deployment) => (int)(Json.Long(deployment.Body["spec"]?["replicas"]) ?? 1);

    /// <summary>What the silo's own start-up check says about these environment variables (names and values), without a process.</summary>
    private static IReadOnlyList<string> InvalidSiloSettings(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), (string?)e.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSweepSiloOptions(configuration);
        using var provider = services.BuildServiceProvider();
        return SweepHost.InvalidSettings(provider);
    }

    private static string Logs(LocalCluster cluster) =>
        string.Join("\n", cluster.AllPods.Select(p => $"--- pod {p.Name} ({p.Ip}) {(p.HasExited ? $"exited {p.ExitCode}" : "running")}\n{Tail(p.Log)}"));

    private static string Tail(string log) => log.Length <= 4000 ? log : "…" + log[^4000..];
}
