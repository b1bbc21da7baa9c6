using System.Collections.Concurrent;
using Sweep.Grains.Trials;

namespace Sweep.Grains.Telemetry;

/// <summary>The trial attempts of this silo that hold or wait for a slot, with the tokens per sample of each, for the throughput gauges.</summary>
public sealed class RunningTrials
{
    private readonly ConcurrentDictionary<TrialRun, int> _runs = new(ReferenceEqualityComparer.Instance);

    /// <summary>Tracks <paramref name="run"/> until it completes.</summary>
    public void Track(TrialRun run, int tokensPerSample)
    {
        _runs[run] = tokensPerSample;
        run.Completion.ContinueWith(_ => _runs.TryRemove(run, out var _), TaskScheduler.Default);
    }

    public int Count => _runs.Count;

    /// <summary>Samples and tokens per second of the runs that reported progress, summed.</summary>
    public (double Samples, double Tokens) Throughput()
    {
        double samples = 0, tokens = 0;
        foreach (var (run, tokensPerSample) in _runs)
        {
            if (run.Latest is not { } p || !double.IsFinite(p.SamplesPerSecond) || p.SamplesPerSecond < 0) continue;
            samples += p.SamplesPerSecond;
            tokens += p.SamplesPerSecond * tokensPerSample;
        }
        return (samples, tokens);
    }
}
