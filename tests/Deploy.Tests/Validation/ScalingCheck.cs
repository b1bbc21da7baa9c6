using System.Text.RegularExpressions;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests.Validation;

/// <summary>
/// The autoscaling objects agree with the pools they scale: each KEDA ScaledObject points at a worker Deployment that
/// exists, its threshold is that pool's slots per pod, its Prometheus query reads the pool's accelerator and its own
/// namespace, it scales to zero and cools down slowly; every worker pool has an autoscaler or is switched off; and some
/// autoscaler counts the queued trials of <c>placement: any</c> (the default), or a default sweep wakes no pool at zero.
/// </summary>
public static partial class ScalingCheck
{
    /// <summary>Shortest wait before a pool goes to zero, and before the autoscaler removes pods, that does not thrash.</summary>
    public const int MinCooldownSeconds = 300;
    public const int MinScaleDownWindowSeconds = 60;

    public static IReadOnlyList<string> Problems(IReadOnlyList<Manifest> manifests) => [.. Check(manifests)];

    private static IEnumerable<string> Check(IReadOnlyList<Manifest> manifests)
    {
        var scaled = new HashSet<string>();
        var countsAny = false;
        foreach (var so in manifests.Where(m => m.Kind == "ScaledObject"))
        {
            var spec = so.Body["spec"]!;
            var targetName = (string?)spec["scaleTargetRef"]?["name"] ?? "";
            var targetKind = (string?)spec["scaleTargetRef"]?["kind"] ?? "Deployment";
            var target = manifests.SingleOrDefault(m => m.Kind == targetKind && m.Name == targetName && m.Namespace == so.Namespace);
            if (target is null)
            {
                yield return $"{so.Id}: scales {targetKind}/{targetName}, which is not rendered in {so.Namespace}";
                continue;
            }
            scaled.Add(target.Name);
            var env = PodEnvironment.Of(target, manifests);
            if (env.GetValueOrDefault("Sweep__Role") != "Worker") yield return $"{so.Id}: scales {target.Id}, which is not a worker";
            if (Json.Long(spec["minReplicaCount"]) != 0) yield return $"{so.Id}: minReplicaCount is not 0 (an idle pool should cost nothing)";
            if ((Json.Long(spec["cooldownPeriod"]) ?? 300) < MinCooldownSeconds) yield return $"{so.Id}: cooldownPeriod under {MinCooldownSeconds} s";
            var window = Json.Long(spec["advanced"]?["horizontalPodAutoscalerConfig"]?["behavior"]?["scaleDown"]?["stabilizationWindowSeconds"]) ?? 300;
            if (window < MinScaleDownWindowSeconds) yield return $"{so.Id}: scale-down stabilization window under {MinScaleDownWindowSeconds} s";

            var triggers = spec["triggers"]?.AsArray() ?? [];
            if (triggers.Count != 1) { yield return $"{so.Id}: has {triggers.Count} triggers, expected one Prometheus trigger"; continue; }
            var trigger = triggers[0]!;
            if ((string?)trigger["type"] != "prometheus") yield return $"{so.Id}: trigger type is {(string?)trigger["type"]}, not prometheus";
            if ((string?)trigger["metricType"] is { } metricType && metricType != "AverageValue")
                yield return $"{so.Id}: metricType {metricType}; replicas = ceil(metric / threshold) needs AverageValue";
            var threshold = (string?)trigger["metadata"]?["threshold"];
            var slots = env.GetValueOrDefault("Sweep__Slots");
            if (threshold != slots) yield return $"{so.Id}: threshold {threshold ?? "(none)"} is not the pool's slots per pod ({slots ?? "unset"})";

            var query = (string?)trigger["metadata"]?["query"] ?? "";
            var accelerator = env.GetValueOrDefault("Sweep__Accelerator")?.ToLowerInvariant();
            if (!query.Contains("sweep_queued_trials{", StringComparison.Ordinal)) yield return $"{so.Id}: query does not read sweep_queued_trials";
            foreach (Match selector in Selector().Matches(query))
            {
                var labels = Label().Matches(selector.Groups[2].Value).ToDictionary(l => l.Groups[1].Value, l => (Op: l.Groups[2].Value, Value: l.Groups[3].Value));
                var read = labels.GetValueOrDefault("accelerator");
                // the queue may also count the trials any kind can take (accelerator=~"<kind>|any"); every other selector reads the pool's kind
                var kinds = read.Op == "=~" ? read.Value.Split('|') : new[] { read.Value ?? "" };
                var queueWithAny = selector.Groups[1].Value == "queued_trials" && kinds.Length == 2 && kinds.Contains("any");
                if (queueWithAny) countsAny = true;
                if (!kinds.Contains(accelerator) || (kinds.Length > 1 && !queueWithAny))
                    yield return $"{so.Id}: query reads accelerator {read.Op}\"{read.Value}\" but the pool runs {accelerator}";
                if (labels.GetValueOrDefault("namespace") != ("=", so.Namespace))
                    yield return $"{so.Id}: query reads namespace \"{labels.GetValueOrDefault("namespace").Value}\" but the pool is in {so.Namespace}";
            }
        }
        foreach (var pool in manifests.Where(m => m.Kind == "Deployment" && !scaled.Contains(m.Name)))
            if (pool.Body["spec"]?["template"] is not null && PodEnvironment.Of(pool, manifests).GetValueOrDefault("Sweep__Role") == "Worker"
                && Json.Long(pool.Body["spec"]?["replicas"]) != 0)
                yield return $"{pool.Id}: a worker pool with no autoscaler and replicas not 0";
        if (scaled.Count > 0 && !countsAny)
            yield return "no autoscaler counts sweep_queued_trials{accelerator=\"any\"}: a sweep with the default placement wakes no pool at zero";
    }

    /// <summary>The label selectors of a PromQL query, <c>metric{a="x",b="y"}</c>.</summary>
    [GeneratedRegex(@"sweep_(\w+)\{([^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(\w+)\s*(=~?)\s*""([^""]*)""")]
    private static partial Regex Label();
}
