using System.Diagnostics;
using System.Net;
using Sweep.TestSupport.Components;

namespace Sweep.Deploy.Tests.Pods;

/// <summary>
/// THE substitutions: everything a Kubernetes node and its pod network give a pod that one machine has to stand in for
/// when the manifests' pods run here as processes. Nothing else about a pod (command, arguments, environment, probes,
/// grace period) is changed; a manifest value not listed here reaches the silo exactly as written.
/// <list type="number">
/// <item>Pod IP (<c>fieldRef status.podIP</c>): each pod gets its own loopback address 127.0.0.N (N from 2), so silos
/// advertise distinct addresses as pods do.</item>
/// <item>Container ports: pods share this machine's ports, and a silo listens on every address, so each named container
/// port gets a free host port, and the one setting that tells the silo that port (<see cref="PortSettings"/>) carries the
/// host port instead; it must equal the containerPort in the manifest, else the resolution fails.</item>
/// <item>Cluster DNS: <c>SERVICE:PORT</c> (and <c>SERVICE.NAMESPACE[.svc[.cluster.local]]:PORT</c>) of a Service whose
/// backend runs here as a test component (Azurite) becomes that component's 127.0.0.1 address and port.</item>
/// <item>Volumes: each emptyDir mount is a fresh folder of the pod's; an environment value under a mount path moves
/// into that folder, and a pod with <c>/tmp</c> mounted gets <c>TMPDIR</c> pointing at that folder.</item>
/// <item>Image filesystem: the image's working directory (<c>/app</c>, where <c>dotnet publish</c> puts sweep-silo.dll)
/// is the tests' output folder, where the build put the same sweep-silo.dll; the image's data cache
/// (<c>SWEEP_CACHE</c>, unpacked npm packages) is this machine's cache, which has the same layout.</item>
/// <item>Runtime: the pod's environment only (no variable of the test process leaks in), plus this machine's <c>PATH</c>
/// and <c>DOTNET_ROOT</c> so that <c>dotnet</c> is found as it is on the image's path.</item>
/// </list>
/// Kubernetes' service-link variables (<c>SWEEP_GATEWAY_SERVICE_HOST</c>, …) are not given: no setting reads them.
/// </summary>
public sealed class PodNetwork
{
    /// <summary>The settings that tell a silo which container port to listen on (substitution 2).</summary>
    public static readonly IReadOnlyDictionary<string, string> PortSettings = new Dictionary<string, string>
    {
        ["Sweep__SiloPort"] = "silo",
        ["Sweep__GatewayPort"] = "gateway",
        ["Sweep__HttpPort"] = "http",
    };

    private readonly Dictionary<string, IPEndPoint> _services = new(StringComparer.Ordinal);
    private int _nextAddress = 2;

    public PodNetwork(string @namespace) => Namespace = @namespace;

    public string Namespace { get; }

    /// <summary>Substitution 1: the next pod's IP.</summary>
    public string NextPodIp()
    {
        if (_nextAddress > 254) throw new InvalidOperationException("more pods than loopback addresses 127.0.0.2-254");
        return $"127.0.0.{_nextAddress++}";
    }

    /// <summary>Substitution 3: <paramref name="service"/>'s <paramref name="port"/> is served here at <paramref name="local"/>.</summary>
    public void Serve(string service, int port, IPEndPoint local) => _services[$"{service}:{port}"] = local;

    /// <summary>A pod's process, its host ports by container port name, and its volume folders under <paramref name="podFolder"/>.</summary>
    public (ProcessStartInfo Start, IReadOnlyDictionary<string, int> HostPorts) Place(PodLaunch pod, string podFolder)
    {
        var hostPorts = pod.Ports.Zip(FreePorts.Take(pod.Ports.Count)).ToDictionary(p => p.First.Name, p => p.Second);
        var env = new Dictionary<string, string>(pod.Environment, StringComparer.Ordinal);
        foreach (var (setting, portName) in PortSettings)
        {
            if (!env.TryGetValue(setting, out var value)) continue;
            var declared = pod.Ports.SingleOrDefault(p => p.Name == portName);
            if (declared.Name is null || value != declared.ContainerPort.ToString())
                throw new InvalidOperationException($"{setting}={value} but the container declares port '{portName}' as {(declared.Name is null ? "nothing" : declared.ContainerPort)}");
            env[setting] = hostPorts[portName].ToString();
        }
        foreach (var (key, value) in env) env[key] = Resolve(value);
        foreach (var (volume, mountPath) in pod.EmptyDirMounts)
        {
            var local = Directory.CreateDirectory(Path.Combine(podFolder, volume)).FullName;
            foreach (var (key, value) in env.Where(e => IsUnder(e.Value, mountPath)).ToList()) env[key] = local + value[mountPath.TrimEnd('/').Length..];
            if (mountPath == "/tmp") env["TMPDIR"] = local;
        }
        if (env.ContainsKey("SWEEP_CACHE")) env["SWEEP_CACHE"] = LocalCache();

        var start = new ProcessStartInfo(pod.Command[0])
        {
            WorkingDirectory = pod.WorkingDirectory == pod.Image.WorkingDirectory ? AppContext.BaseDirectory : pod.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in pod.Command.Skip(1)) start.ArgumentList.Add(a);
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "DOTNET_ROOT" })
            if (System.Environment.GetEnvironmentVariable(name) is { } v) start.Environment[name] = v;
        foreach (var (key, value) in env) start.Environment[key] = value;
        return (start, hostPorts);
    }

    private string Resolve(string value)
    {
        foreach (var (service, local) in _services)
        {
            var (name, port) = (service[..service.IndexOf(':')], service[(service.IndexOf(':') + 1)..]);
            foreach (var host in new[] { $"{name}.{Namespace}.svc.cluster.local", $"{name}.{Namespace}.svc", $"{name}.{Namespace}", name })
                value = value.Replace($"//{host}:{port}/", $"//{local}/", StringComparison.Ordinal);
        }
        return value;
    }

    private static bool IsUnder(string value, string mountPath) =>
        value == mountPath || value.StartsWith(mountPath.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string LocalCache() =>
        System.Environment.GetEnvironmentVariable("SWEEP_CACHE") is { Length: > 0 } cache ? cache
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache", "sweep");
}
