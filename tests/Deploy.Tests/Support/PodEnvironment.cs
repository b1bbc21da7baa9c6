using System.Text.Json.Nodes;

namespace Sweep.Deploy.Tests.Support;

/// <summary>
/// What a Deployment's first container sees as environment, resolved from the rendered objects as the kubelet does:
/// <c>envFrom</c> ConfigMaps in order (a later one wins), then <c>env</c>. A value from the downward API or a Secret is
/// shown as <c>&lt;field:PATH&gt;</c> or <c>&lt;secret:NAME/KEY&gt;</c>.
/// </summary>
public static class PodEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(Manifest deployment, IReadOnlyList<Manifest> all)
    {
        var container = Containers(deployment).First();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var name = (string?)source?["configMapRef"]?["name"];
            if (name is null) continue;
            var map = all.SingleOrDefault(m => m.Kind == "ConfigMap" && m.Name == name)
                ?? throw new InvalidOperationException($"{deployment.Id} reads ConfigMap {name}, which is not rendered");
            foreach (var (key, value) in map.Body["data"]?.AsObject() ?? []) env[key] = (string?)value ?? "";
        }
        foreach (var item in container["env"]?.AsArray() ?? [])
        {
            var name = (string)item!["name"]!;
            env[name] = item["value"] is { } v ? (string)v!
                : item["valueFrom"]?["fieldRef"] is { } field ? $"<field:{(string?)field["fieldPath"]}>"
                : item["valueFrom"]?["secretKeyRef"] is { } secret ? $"<secret:{(string?)secret["name"]}/{(string?)secret["key"]}>"
                : "<other>";
        }
        return env;
    }

    /// <summary>The pod template's containers and init containers.</summary>
    public static IEnumerable<JsonObject> Containers(Manifest workload)
    {
        var spec = PodSpec(workload);
        return (spec?["initContainers"]?.AsArray() ?? []).Concat(spec?["containers"]?.AsArray() ?? []).Select(c => c!.AsObject());
    }

    public static JsonObject? PodSpec(Manifest workload) => workload.Body["spec"]?["template"]?["spec"]?.AsObject();

    public static JsonObject PodLabels(Manifest workload) =>
        workload.Body["spec"]?["template"]?["metadata"]?["labels"]?.AsObject() ?? [];

    /// <summary>Kinds that run pods from a template.</summary>
    public static bool IsWorkload(Manifest m) => m.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job";
}
