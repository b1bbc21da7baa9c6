using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests.Keda;

/// <summary>A HorizontalPodAutoscaler scaling rule: at most <c>Value</c> pods (or percent) per <c>Period</c>.</summary>
public sealed record ScalingPolicy(string Type, int Value, TimeSpan Period);

/// <summary>One direction of the HPA behavior KEDA passes on: a stabilization window and its policies (selectPolicy Max).</summary>
public sealed record ScalingRules(TimeSpan StabilizationWindow, IReadOnlyList<ScalingPolicy> Policies);

/// <summary>
/// What a KEDA ScaledObject with one Prometheus trigger says, read from a rendered manifest, with KEDA's and the HPA's
/// defaults where a field is absent (pollingInterval 30 s, cooldownPeriod 300 s, minReplicaCount 0, maxReplicaCount 100,
/// activationThreshold 0; scale-up: no window, 4 pods or 100 % per 15 s; scale-down: 300 s window, 100 % per 15 s).
/// </summary>
public sealed record ScaledObjectSpec(
    string Name, string Target, string Query, double Threshold, double ActivationThreshold,
    int MinReplicas, int MaxReplicas, TimeSpan PollingInterval, TimeSpan CooldownPeriod, ScalingRules ScaleUp, ScalingRules ScaleDown)
{
    public static ScaledObjectSpec Read(Manifest scaledObject)
    {
        var spec = scaledObject.Body["spec"]!;
        var trigger = spec["triggers"]!.AsArray().Single()!;
        if ((string?)trigger["type"] != "prometheus" || (string?)trigger["metricType"] != "AverageValue")
            throw new NotSupportedException($"{scaledObject.Id}: only one prometheus trigger with metricType AverageValue is emulated");
        var metadata = trigger["metadata"]!;
        var behavior = spec["advanced"]?["horizontalPodAutoscalerConfig"]?["behavior"];
        return new ScaledObjectSpec(
            scaledObject.Name,
            (string)spec["scaleTargetRef"]!["name"]!,
            (string)metadata["query"]!,
            Number(metadata["threshold"]) ?? throw new InvalidDataException($"{scaledObject.Id}: no threshold"),
            Number(metadata["activationThreshold"]) ?? 0,
            (int)(Json.Long(spec["minReplicaCount"]) ?? 0),
            (int)(Json.Long(spec["maxReplicaCount"]) ?? 100),
            Seconds(spec["pollingInterval"], 30),
            Seconds(spec["cooldownPeriod"], 300),
            Rules(behavior?["scaleUp"], window: 0, [new("Pods", 4, TimeSpan.FromSeconds(15)), new("Percent", 100, TimeSpan.FromSeconds(15))]),
            Rules(behavior?["scaleDown"], window: 300, [new("Percent", 100, TimeSpan.FromSeconds(15))]));
    }

    /// <summary>Every duration multiplied by <paramref name="factor"/> (the test's time scale).</summary>
    public ScaledObjectSpec Scaled(double factor) => this with
    {
        PollingInterval = PollingInterval * factor,
        CooldownPeriod = CooldownPeriod * factor,
        ScaleUp = Scale(ScaleUp, factor),
        ScaleDown = Scale(ScaleDown, factor),
    };

    private static ScalingRules Scale(ScalingRules r, double factor) =>
        new(r.StabilizationWindow * factor, r.Policies.Select(p => p with { Period = p.Period * factor }).ToList());

    private static ScalingRules Rules(JsonNode? node, int window, IReadOnlyList<ScalingPolicy> defaults) => new(
        Seconds(node?["stabilizationWindowSeconds"], window),
        node?["policies"]?.AsArray().Select(p => new ScalingPolicy((string)p!["type"]!, (int)Json.Long(p["value"])!.Value,
            TimeSpan.FromSeconds(Json.Long(p["periodSeconds"])!.Value))).ToList() ?? defaults);

    private static TimeSpan Seconds(JsonNode? node, int fallback) => TimeSpan.FromSeconds(Json.Long(node) ?? fallback);

    private static double? Number(JsonNode? node) =>
        node is null ? null : double.Parse(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString(), CultureInfo.InvariantCulture);
}
