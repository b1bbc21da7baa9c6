using System.Collections.Concurrent;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// What simulated trials did, across the silos of the test cluster (recorded by <see cref="RoutingExecutor"/>):
/// where each attempt started and from which step, and how many trials ran at once per silo.
/// </summary>
public sealed class SimulationLog
{
    public sealed record Attempt(string TrialId, string Silo, int FromStep);

    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentDictionary<string, int> _lastStep = new();
    private readonly ConcurrentDictionary<string, int> _runningPerSilo = new();
    private readonly ConcurrentDictionary<string, int> _maxPerSilo = new();

    public IReadOnlyList<Attempt> Attempts => _attempts.ToArray();
    public IReadOnlyDictionary<string, int> MaxConcurrentPerSilo => _maxPerSilo;

    public int LastStep(string trialId) => _lastStep.GetValueOrDefault(trialId);

    public void Started(string trialId, string silo, int fromStep) => _attempts.Enqueue(new Attempt(trialId, silo, fromStep));

    public void Stepped(string trialId, string silo, int step) => _lastStep[trialId] = step;

    public void Enter(string silo)
    {
        var now = _runningPerSilo.AddOrUpdate(silo, 1, (_, n) => n + 1);
        _maxPerSilo.AddOrUpdate(silo, now, (_, m) => Math.Max(m, now));
    }

    public void Exit(string silo) => _runningPerSilo.AddOrUpdate(silo, 0, (_, n) => n - 1);
}
