namespace Sweep.Analysis.Statistics;

public enum BootstrapMetric { Accuracy, F1, F1Macro }

/// <summary>
/// Paired bootstrap over evaluation items: each replicate draws n item indices with replacement and scores
/// A and B on the SAME items, so item difficulty cancels. Reports δ = metric(B) − metric(A), its percentile
/// CI, and a two-sided p from the shifted null (share of replicates with |δ* − δ| ≥ |δ|,
/// Berg-Kirkpatrick et al. 2012). Seeded: the same inputs and seed give the same numbers.
/// </summary>
public static class PairedBootstrap
{
    public static BootstrapResult Run(IReadOnlyList<int> predA, IReadOnlyList<int> predB, IReadOnlyList<int> labels,
        BootstrapMetric metric = BootstrapMetric.Accuracy, int iterations = 2000, int seed = 12345, double level = 0.95)
    {
        var n = labels.Count;
        if (predA.Count != n || predB.Count != n)
            throw new ArgumentException($"predictions ({predA.Count}, {predB.Count}) and labels ({n}) differ in length");
        if (n == 0) return new BootstrapResult(double.NaN, double.NaN, double.NaN, double.NaN, 0, iterations);
        var observed = Score(predB, labels, null, metric) - Score(predA, labels, null, metric);
        var rng = new Random(seed);
        var idx = new int[n];
        var deltas = new double[iterations];
        var extreme = 0;
        for (var r = 0; r < iterations; r++)
        {
            for (var i = 0; i < n; i++) idx[i] = rng.Next(n);
            deltas[r] = Score(predB, labels, idx, metric) - Score(predA, labels, idx, metric);
            if (Math.Abs(deltas[r] - observed) >= Math.Abs(observed) - 1e-12) extreme++;
        }
        Array.Sort(deltas);
        var alpha = 1 - level;
        return new BootstrapResult(observed, Percentile(deltas, alpha / 2), Percentile(deltas, 1 - alpha / 2),
            (extreme + 1.0) / (iterations + 1.0), n, iterations);
    }

    private static double Score(IReadOnlyList<int> pred, IReadOnlyList<int> labels, int[]? idx, BootstrapMetric m) => m switch
    {
        BootstrapMetric.Accuracy => ClassificationScores.Accuracy(pred, labels, idx),
        BootstrapMetric.F1 => ClassificationScores.F1(pred, labels, idx),
        _ => ClassificationScores.F1Macro(pred, labels, idx),
    };

    /// <summary>Linear-interpolated percentile (numpy's default) of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        var pos = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}

/// <summary>δ = metric(B) − metric(A) on the full set, its percentile CI, bootstrap p, items and replicates.</summary>
public sealed record BootstrapResult(double Diff, double CiLow, double CiHigh, double P, int N, int Iterations);
