namespace Sweep.Analysis.Statistics;

/// <summary>Element-wise a − b of two paired samples of equal length.</summary>
public static class Differences
{
    public static double[] Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count)
            throw new ArgumentException($"paired samples differ in length: {a.Count} vs {b.Count}");
        var d = new double[a.Count];
        for (var i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
        return d;
    }
}
