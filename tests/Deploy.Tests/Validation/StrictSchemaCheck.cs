using k8s;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests.Validation;

/// <summary>
/// Built-in kinds through the Kubernetes .NET client's models with strict YAML parsing: a field the API does not have
/// (a typo such as <c>containerPrt</c>) is an error, as is a value of the wrong type. CRDs (KEDA, prometheus-operator)
/// have no model here; <see cref="NodeSchemaCheck"/> covers them.
/// </summary>
public static class StrictSchemaCheck
{
    private static readonly HashSet<string> BuiltInGroups =
    [
        "", "apps", "batch", "policy", "autoscaling", "rbac.authorization.k8s.io", "networking.k8s.io",
        "discovery.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io",
    ];

    public static bool IsBuiltIn(Manifest m) => BuiltInGroups.Contains(m.Group);

    /// <summary>One line per built-in object that fails, "Kind/name: what is wrong"; empty when all pass.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<Manifest> manifests)
    {
        var problems = new List<string>();
        foreach (var m in manifests.Where(IsBuiltIn))
        {
            try
            {
                var objects = KubernetesYaml.LoadAllFromString(m.ToJson(), strict: true);
                if (objects.Count != 1) problems.Add($"{m.Id}: read as {objects.Count} objects");
                else if (objects[0] is not IKubernetesObject typed || typed.Kind != m.Kind)
                    problems.Add($"{m.Id}: read as {objects[0]?.GetType().Name ?? "nothing"}");
            }
            catch (Exception e)
            {
                problems.Add($"{m.Id}: {e.GetBaseException().Message}");
            }
        }
        return problems;
    }
}
