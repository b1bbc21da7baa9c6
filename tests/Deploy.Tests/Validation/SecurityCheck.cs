using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests.Validation;

/// <summary>
/// Security rules for the rendered objects, each returning "Kind/name: what is wrong" lines:
/// no container can run as root or gain privileges, every container has requests, limits and probes, no Role grants
/// more than what Sweep uses (the silos and the dashboard call no Kubernetes API; Prometheus reads the discovery kinds),
/// and no credential sits in a ConfigMap or a literal environment value.
/// </summary>
public static partial class SecurityCheck
{
    /// <summary>What Sweep's only Role may grant: Prometheus discovering the metrics endpoints, read-only.</summary>
    public static readonly IReadOnlySet<string> AllowedRules = new HashSet<string>
    {
        "/services:get", "/services:list", "/services:watch",
        "/endpoints:get", "/endpoints:list", "/endpoints:watch",
        "/pods:get", "/pods:list", "/pods:watch",
        "discovery.k8s.io/endpointslices:get", "discovery.k8s.io/endpointslices:list", "discovery.k8s.io/endpointslices:watch",
    };

    /// <summary>Accounts of Sweep's own pods: they call no Kubernetes API, so nothing may be bound to them.</summary>
    public static readonly IReadOnlySet<string> SweepAccounts = new HashSet<string> { "sweep-silo", "sweep-dashboard" };

    public static IReadOnlyList<string> Problems(IReadOnlyList<Manifest> manifests) =>
        [.. Pods(manifests), .. Rbac(manifests), .. Credentials(manifests)];

    public static IEnumerable<string> Pods(IReadOnlyList<Manifest> manifests)
    {
        foreach (var w in manifests.Where(PodEnvironment.IsWorkload))
        {
            var pod = PodEnvironment.PodSpec(w) ?? [];
            var podSecurity = pod["securityContext"]?.AsObject() ?? [];
            if ((string?)pod["serviceAccountName"] is { } account && SweepAccounts.Contains(account) && (bool?)pod["automountServiceAccountToken"] != false)
                yield return $"{w.Id}: mounts an API token for {account}, which calls no Kubernetes API (automountServiceAccountToken: false)";
            if ((bool?)pod["hostNetwork"] == true || (bool?)pod["hostPID"] == true || (bool?)pod["hostIPC"] == true)
                yield return $"{w.Id}: shares a host namespace";
            foreach (var c in PodEnvironment.Containers(w))
            {
                var name = $"{w.Id} container {(string?)c["name"]}";
                var security = c["securityContext"]?.AsObject() ?? [];
                var nonRoot = (bool?)security["runAsNonRoot"] ?? (bool?)podSecurity["runAsNonRoot"];
                var user = Json.Long(security["runAsUser"]) ?? Json.Long(podSecurity["runAsUser"]);
                if (nonRoot != true) yield return $"{name}: runAsNonRoot is not true";
                if (user == 0) yield return $"{name}: runs as user 0 (root)";
                if ((bool?)security["privileged"] == true) yield return $"{name}: privileged";
                if ((bool?)security["allowPrivilegeEscalation"] != false) yield return $"{name}: allowPrivilegeEscalation is not false";
                if ((bool?)security["readOnlyRootFilesystem"] != true) yield return $"{name}: root filesystem is writable";
                var drops = security["capabilities"]?["drop"]?.AsArray().Select(d => (string?)d).ToList() ?? [];
                if (!drops.Contains("ALL")) yield return $"{name}: does not drop ALL capabilities";
                if (security["capabilities"]?["add"] is JsonArray { Count: > 0 }) yield return $"{name}: adds capabilities";
                foreach (var kind in new[] { "requests", "limits" })
                    foreach (var resource in new[] { "cpu", "memory" })
                        if (c["resources"]?[kind]?[resource] is null) yield return $"{name}: no {resource} in resources.{kind}";
                foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
                    if (c[probe] is null) yield return $"{name}: no {probe}";
            }
        }
    }

    public static IEnumerable<string> Rbac(IReadOnlyList<Manifest> manifests)
    {
        foreach (var m in manifests.Where(m => m.Kind is "ClusterRole" or "ClusterRoleBinding"))
            yield return $"{m.Id}: cluster-wide RBAC; Sweep needs none";
        foreach (var role in manifests.Where(m => m.Kind == "Role"))
            foreach (var rule in role.Body["rules"]?.AsArray() ?? [])
            {
                if (rule?["resourceNames"] is not null || rule?["nonResourceURLs"] is not null) yield return $"{role.Id}: unexpected rule shape";
                foreach (var group in Strings(rule?["apiGroups"]))
                    foreach (var resource in Strings(rule?["resources"]))
                        foreach (var verb in Strings(rule?["verbs"]))
                            if (!AllowedRules.Contains($"{group}/{resource}:{verb}"))
                                yield return $"{role.Id}: grants {verb} on {(group == "" ? "" : group + "/")}{resource}, which nothing in Sweep uses";
            }
        foreach (var binding in manifests.Where(m => m.Kind == "RoleBinding"))
            foreach (var subject in binding.Body["subjects"]?.AsArray() ?? [])
                if ((string?)subject?["kind"] == "ServiceAccount" && SweepAccounts.Contains((string?)subject["name"] ?? "")
                    && ((string?)subject["namespace"] ?? binding.Namespace) == binding.Namespace)
                    yield return $"{binding.Id}: binds a role to {(string?)subject["name"]}, which calls no Kubernetes API";
        foreach (var account in manifests.Where(m => m.Kind == "ServiceAccount" && SweepAccounts.Contains(m.Name)))
            if ((bool?)account.Body["automountServiceAccountToken"] != false)
                yield return $"{account.Id}: automountServiceAccountToken is not false";
    }

    public static IEnumerable<string> Credentials(IReadOnlyList<Manifest> manifests)
    {
        foreach (var map in manifests.Where(m => m.Kind == "ConfigMap"))
            foreach (var (key, value) in map.Body["data"]?.AsObject() ?? [])
                if (LooksSecret(key, (string?)value ?? ""))
                    yield return $"{map.Id}: {key} holds a credential; put it in a Secret";
        foreach (var w in manifests.Where(PodEnvironment.IsWorkload))
            foreach (var c in PodEnvironment.Containers(w))
                foreach (var env in c["env"]?.AsArray() ?? [])
                    if (env?["value"] is { } v && LooksSecret((string?)env["name"] ?? "", (string?)v ?? ""))
                        yield return $"{w.Id}: env {(string?)env["name"]} holds a credential as a literal; read it from a Secret";
    }

    /// <summary>A key named like a credential, or a value carrying one (a storage key, a SAS signature, a password, a private key).</summary>
    public static bool LooksSecret(string key, string value) => SecretKey().IsMatch(key) || SecretValue().IsMatch(value);

    private static IEnumerable<string> Strings(JsonNode? node) => node?.AsArray().Select(n => (string?)n ?? "") ?? [];

    [GeneratedRegex(@"(password|passwd|secret|token|connectionstring|credential|accountkey|apikey|privatekey)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"(AccountKey=|SharedAccessSignature=|[?&]sig=|password=|pwd=|-----BEGIN [A-Z ]*PRIVATE KEY)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();
}
