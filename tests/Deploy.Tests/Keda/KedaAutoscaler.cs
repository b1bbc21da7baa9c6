namespace Sweep.Deploy.Tests.Keda;

/// <summary>
/// KEDA and the HorizontalPodAutoscaler it drives, for one ScaledObject, as a pure function of time and the metric:
/// <list type="bullet">
/// <item>KEDA: at 0 replicas, a metric above <c>activationThreshold</c> activates the target (max(min, 1) replicas); with
/// <c>minReplicaCount</c> 0, a target whose metric has not been above the activation threshold for <c>cooldownPeriod</c>
/// goes to 0.</item>
/// <item>HPA (from 1 replica): desired = ceil(metric / threshold) (AverageValue over an external metric), unchanged
/// within the 10 % tolerance, clamped to [max(min, 1), max]; then the stabilization windows (scale-up takes the lowest,
/// scale-down the highest recommendation in its window) and the rate policies (the change allowed from the replica count at
/// the start of each policy's period; of several, the one allowing most).</item>
/// </list>
/// </summary>
public sealed class KedaAutoscaler(ScaledObjectSpec spec)
{
    public const double Tolerance = 0.1;

    private readonly List<(DateTimeOffset At, int Replicas)> _recommendations = [];
    private readonly List<(DateTimeOffset At, int Change)> _events = [];
    private DateTimeOffset? _lastActive;

    public ScaledObjectSpec Spec => spec;

    /// <summary>The replicas the target should have now, given the metric and the replicas it has.</summary>
    public int Decide(DateTimeOffset now, double metric, int current)
    {
        var active = metric > spec.ActivationThreshold;
        if (active) _lastActive = now;
        var floor = Math.Max(spec.MinReplicas, 1);
        int desired;
        if (current == 0) desired = active ? floor : spec.MinReplicas;
        else if (!active && spec.MinReplicas == 0 && (_lastActive is null || now - _lastActive >= spec.CooldownPeriod)) desired = 0;
        else
        {
            desired = Hpa(now, metric, current, floor);
            if (desired != current) _events.Add((now, desired - current)); // the HPA's own scale events (KEDA's 0 <-> 1 are not)
        }
        return desired;
    }

    private int Hpa(DateTimeOffset now, double metric, int current, int floor)
    {
        var ratio = metric / (spec.Threshold * current);
        var raw = Math.Abs(ratio - 1) <= Tolerance ? current : (int)Math.Ceiling(metric / spec.Threshold);
        raw = Math.Clamp(raw, floor, spec.MaxReplicas);

        _recommendations.Add((now, raw));
        var keep = spec.ScaleUp.StabilizationWindow > spec.ScaleDown.StabilizationWindow ? spec.ScaleUp.StabilizationWindow : spec.ScaleDown.StabilizationWindow;
        _recommendations.RemoveAll(r => now - r.At > keep);
        var up = _recommendations.Where(r => now - r.At <= spec.ScaleUp.StabilizationWindow).Min(r => r.Replicas);
        var down = _recommendations.Where(r => now - r.At <= spec.ScaleDown.StabilizationWindow).Max(r => r.Replicas);
        var stabilized = current < up ? up : current > down ? down : current;

        if (stabilized > current)
            return Math.Min(stabilized, spec.ScaleUp.Policies.Max(p => Limit(p, now, current, up: true)));
        if (stabilized < current)
            return Math.Max(stabilized, spec.ScaleDown.Policies.Min(p => Limit(p, now, current, up: false)));
        return current;
    }

    /// <summary>The furthest a policy lets the replicas go from the count at the start of its period.</summary>
    private int Limit(ScalingPolicy policy, DateTimeOffset now, int current, bool up)
    {
        var changed = _events.Where(e => now - e.At < policy.Period && (up ? e.Change > 0 : e.Change < 0)).Sum(e => e.Change);
        var start = current - changed;
        var step = policy.Type == "Percent" ? (int)Math.Ceiling(start * policy.Value / 100.0) : policy.Value;
        if (policy.Type == "Percent" && !up) step = (int)Math.Floor(start * policy.Value / 100.0);
        return up ? start + step : start - step;
    }
}
