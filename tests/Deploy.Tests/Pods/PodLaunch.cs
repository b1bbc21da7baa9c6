using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests.Pods;

/// <summary>
/// A Deployment's first container as the kubelet would start it, resolved from the rendered objects: the image's entry
/// point and arguments unless the container overrides them, the image's environment, then <c>envFrom</c> ConfigMaps and
/// Secrets in order, then <c>env</c> (literal values, <c>$(VAR)</c> references, <c>fieldRef</c>, <c>secretKeyRef</c>,
/// <c>configMapKeyRef</c>). Values the pod only knows once it is scheduled (its IP, name, node) come from
/// <see cref="PodFacts"/>. Nothing here is specific to one machine; <see cref="PodNetwork"/> then substitutes.
/// </summary>
public sealed partial record PodLaunch(
    IReadOnlyList<string> Command,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<(string Name, int ContainerPort)> Ports,
    IReadOnlyList<(string Volume, string MountPath)> EmptyDirMounts,
    (string Path, string Port)? Readiness,
    int TerminationGraceSeconds,
    ContainerImage Image)
{
    /// <summary>What the pod learns when it is scheduled (the downward API's fields).</summary>
    public sealed record PodFacts(string Name, string Namespace, string PodIp, string NodeName = "local", string HostIp = "127.0.0.1");

    public static PodLaunch Resolve(Manifest deployment, IReadOnlyList<Manifest> all, PodFacts pod)
    {
        var spec = PodEnvironment.PodSpec(deployment) ?? throw new InvalidOperationException($"{deployment.Id} has no pod template");
        var container = spec["containers"]![0]!.AsObject();
        var image = ContainerImage.Of((string)container["image"]!);
        var env = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var prefix = (string?)source!["prefix"] ?? "";
            var (kind, reference) = source["configMapRef"] is { } c ? ("ConfigMap", c) : ("Secret", source["secretRef"]!);
            foreach (var (key, value) in Data(all, kind, (string)reference["name"]!, deployment)) env[prefix + key] = value;
        }
        foreach (var item in container["env"]?.AsArray() ?? [])
        {
            var name = (string)item!["name"]!;
            env[name] = item["value"] is { } v ? Expand((string)v!, env) : ValueFrom(item["valueFrom"]!.AsObject(), all, pod, deployment, name);
        }
        var command = ((JsonArray?)container["command"])?.Select(a => Expand((string)a!, env)).ToList();
        var args = ((JsonArray?)container["args"])?.Select(a => Expand((string)a!, env)).ToList();
        var argv = (command ?? image.Entrypoint.ToList()).Concat(args ?? (command is null ? image.Cmd : [])).ToList();
        if (argv.Count == 0) throw new InvalidOperationException($"{deployment.Id}: neither the container nor image {image.Dockerfile} names a command");

        var emptyDirs = (spec["volumes"]?.AsArray() ?? []).Where(v => v!["emptyDir"] is not null).Select(v => (string)v!["name"]!).ToHashSet();
        var mounts = (container["volumeMounts"]?.AsArray() ?? []).Select(m => ((string)m!["name"]!, (string)m["mountPath"]!))
            .Where(m => emptyDirs.Contains(m.Item1)).ToList();
        var ports = (container["ports"]?.AsArray() ?? []).Select(p => ((string)p!["name"]!, (int)Json.Long(p["containerPort"])!.Value)).ToList();
        var probe = container["readinessProbe"]?["httpGet"];
        return new PodLaunch(argv, (string?)container["workingDir"] ?? image.WorkingDirectory, env, ports, mounts,
            probe is null ? null : ((string)probe["path"]!, probe["port"]!.ToString()),
            (int)(Json.Long(spec["terminationGracePeriodSeconds"]) ?? 30), image);
    }

    private static string ValueFrom(JsonObject from, IReadOnlyList<Manifest> all, PodFacts pod, Manifest deployment, string name)
    {
        if (from["fieldRef"] is { } field)
            return (string)field["fieldPath"]! switch
            {
                "status.podIP" or "status.podIPs" => pod.PodIp,
                "metadata.name" => pod.Name,
                "metadata.namespace" => pod.Namespace,
                "spec.nodeName" => pod.NodeName,
                "status.hostIP" => pod.HostIp,
                "spec.serviceAccountName" => (string?)PodEnvironment.PodSpec(deployment)?["serviceAccountName"] ?? "default",
                var path => throw new NotSupportedException($"{deployment.Id} env {name}: fieldRef {path} is not emulated"),
            };
        var (kind, key) = from["secretKeyRef"] is { } s ? ("Secret", s) : from["configMapKeyRef"] is { } c ? ("ConfigMap", c)
            : throw new NotSupportedException($"{deployment.Id} env {name}: {from.ToJsonString()} is not emulated");
        var data = Data(all, kind, (string)key["name"]!, deployment);
        return data.TryGetValue((string)key["key"]!, out var value) ? value
            : throw new InvalidOperationException($"{deployment.Id} env {name}: {kind} {(string)key["name"]!} has no key {(string)key["key"]!}");
    }

    /// <summary>A ConfigMap's data, or a Secret's decoded data (stringData is merged into data by the API server).</summary>
    private static Dictionary<string, string> Data(IReadOnlyList<Manifest> all, string kind, string name, Manifest deployment)
    {
        var source = all.SingleOrDefault(m => m.Kind == kind && m.Name == name)
            ?? throw new InvalidOperationException($"{deployment.Id} reads {kind} {name}, which is not rendered");
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in source.Body["data"]?.AsObject() ?? [])
            data[k] = kind == "Secret" ? Encoding.UTF8.GetString(Convert.FromBase64String((string)v!)) : (string?)v ?? "";
        foreach (var (k, v) in source.Body["stringData"]?.AsObject() ?? []) data[k] = (string?)v ?? "";
        return data;
    }

    /// <summary><c>$(VAR)</c> becomes the value of a variable defined before it; <c>$$</c> escapes; unknown references stay.</summary>
    private static string Expand(string text, IReadOnlyDictionary<string, string> env) =>
        Reference().Replace(text, m => m.Value == "$$" ? "$" : env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();
}
