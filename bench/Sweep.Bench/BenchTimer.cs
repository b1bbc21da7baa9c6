using System.Diagnostics;

namespace Sweep.Bench;

/// <summary>Median wall time of repeated runs after warm-up. Benchmarks compare ratios measured in one run.</summary>
public static class BenchTimer
{
    public static double MedianSeconds(Action action, int warmup = 2, int repeats = 5)
    {
        for (var i = 0; i < warmup; i++) action();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }
}
