using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Sweep.Deploy.Tests.Support;
using Sweep.TestSupport.Components;

namespace Sweep.Deploy.Tests.Pods;

/// <summary>
/// A rendered overlay run on this machine: a real Azurite behind the overlay's <c>azurite</c> Service, and each
/// Deployment's pods as real processes (<see cref="PodProcess"/>), scaled like a ReplicaSet does: new pods are started,
/// and on scale-down the pods that are not ready go first, then the newest. Services resolve through their selectors to
/// the pods' substituted endpoints (<see cref="PodNetwork"/>).
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("k8s-pods");
    private readonly ConcurrentDictionary<string, List<PodProcess>> _pods = new(StringComparer.Ordinal);
    private readonly List<PodProcess> _all = [];
    private readonly List<Task> _terminations = [];
    private int _podCount;

    private LocalCluster(IReadOnlyList<Manifest> objects, AzuriteServer azurite, PodNetwork network) =>
        (Objects, Azurite, Network) = (objects, azurite, network);

    public IReadOnlyList<Manifest> Objects { get; }
    public AzuriteServer Azurite { get; }
    public PodNetwork Network { get; }
    public string Namespace => Network.Namespace;

    /// <summary>Starts Azurite for the overlay's <c>azurite</c> Service (its ports matched by name: blob, queue, table).</summary>
    public static async Task<LocalCluster> StartAsync(IReadOnlyList<Manifest> objects)
    {
        var ns = objects.First(m => m.Kind == "Deployment").Namespace ?? "default";
        var network = new PodNetwork(ns);
        var azurite = await AzuriteServer.StartNewAsync();
        var service = objects.Find("Service", "azurite");
        foreach (var port in service.Body["spec"]!["ports"]!.AsArray())
        {
            var local = (string)port!["name"]! switch
            {
                "blob" => azurite.BlobPort, "queue" => azurite.QueuePort, "table" => azurite.TablePort,
                var other => throw new InvalidOperationException($"Service azurite port {other} is not an Azurite service"),
            };
            network.Serve("azurite", (int)Json.Long(port["port"])!.Value, new IPEndPoint(IPAddress.Parse(AzuriteServer.Host), local));
        }
        return new LocalCluster(objects, azurite, network);
    }

    /// <summary>How a new pod of <paramref name="deployment"/> would start (the pod IP left for <see cref="ScaleAsync"/> to assign).</summary>
    public PodLaunch Launch(string deployment, string podIp = "<pod ip>") =>
        PodLaunch.Resolve(Objects.Find("Deployment", deployment), Objects, new PodLaunch.PodFacts($"{deployment}-pod", Namespace, podIp));

    /// <summary>The pods of a Deployment that count as its replicas (not terminating).</summary>
    public IReadOnlyList<PodProcess> Pods(string deployment)
    {
        var list = _pods.GetOrAdd(deployment, _ => []);
        lock (list) return list.Where(p => !p.Terminating).ToList();
    }

    /// <summary>Every pod ever started (for logs and exit codes).</summary>
    public IReadOnlyList<PodProcess> AllPods { get { lock (_all) return _all.ToList(); } }

    /// <summary>Sets the Deployment's replicas: starts pods, or deletes some (SIGTERM, a kill after the grace period) without
    /// waiting for them to end. Returns the pods started.</summary>
    public async Task<IReadOnlyList<PodProcess>> ScaleAsync(string deployment, int replicas)
    {
        var current = Pods(deployment);
        var started = new List<PodProcess>();
        for (var i = current.Count; i < replicas; i++)
        {
            var ip = Network.NextPodIp();
            var name = $"{deployment}-{Interlocked.Increment(ref _podCount)}";
            var launch = PodLaunch.Resolve(Objects.Find("Deployment", deployment), Objects, new PodLaunch.PodFacts(name, Namespace, ip));
            var pod = PodProcess.Start(name, ip, launch, Network, Path.Combine(_folder.Path, name));
            lock (_all) _all.Add(pod);
            var list = _pods.GetOrAdd(deployment, _ => []);
            lock (list) list.Add(pod);
            started.Add(pod);
        }
        if (current.Count > replicas)
        {
            var ready = new Dictionary<PodProcess, bool>();
            foreach (var pod in current) ready[pod] = await pod.IsReadyAsync();
            foreach (var pod in current.OrderBy(p => ready[p]).ThenByDescending(p => p.Created).Take(current.Count - replicas))
                lock (_terminations) _terminations.Add(pod.TerminateAsync());
        }
        return started;
    }

    /// <summary>The endpoints (pod IP : host port of the target port) a Service routes to. Pods that are terminating stay
    /// while their process runs only when the Service publishes not-ready addresses (as the headless metrics Service does).</summary>
    public IReadOnlyList<(PodProcess Pod, string Endpoint)> Endpoints(string service, string portName)
    {
        var spec = Objects.Find("Service", service).Body["spec"]!;
        var selector = spec["selector"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var port = spec["ports"]!.AsArray().Single(p => (string?)p!["name"] == portName)!;
        var target = port["targetPort"]?.ToString() ?? port["port"]!.ToString();
        var includeNotReady = spec["publishNotReadyAddresses"]?.GetValue<bool>() == true;
        var result = new List<(PodProcess, string)>();
        foreach (var deployment in Objects.Where(m => m.Kind == "Deployment"))
        {
            var labels = PodEnvironment.PodLabels(deployment);
            if (!selector.All(s => (string?)labels[s.Key] == s.Value)) continue;
            var list = _pods.GetOrAdd(deployment.Name, _ => []);
            List<PodProcess> pods;
            lock (list) pods = list.Where(p => !p.HasExited && (includeNotReady || !p.Terminating)).ToList();
            result.AddRange(pods.Select(p => (p, p.Endpoint(target))));
        }
        return result;
    }

    /// <summary>Waits for every pod deletion started so far to finish.</summary>
    public async Task WaitTerminationsAsync()
    {
        Task[] pending;
        lock (_terminations) pending = _terminations.ToArray();
        await Task.WhenAll(pending);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pod in AllPods) await pod.DisposeAsync();
        await Azurite.DisposeAsync();
        _folder.Dispose();
    }
}
