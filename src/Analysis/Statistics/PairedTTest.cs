namespace Sweep.Analysis.Statistics;

/// <summary>Paired t-test on a − b (scipy.stats.ttest_rel): t = mean(d) / (sd(d)/√n), df = n − 1.</summary>
public static class PairedTTest
{
    public static TestResult Test(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        OneSample(Differences.Of(a, b));

    /// <summary>One-sample t-test of mean(d) = <paramref name="mu"/>.</summary>
    public static TestResult OneSample(IReadOnlyList<double> d, double mu = 0)
    {
        var n = d.Count;
        if (n < 2) return new TestResult(double.NaN, double.NaN, n, n - 1);
        var se = Descriptive.Sd(d) / Math.Sqrt(n);
        var diff = Descriptive.Mean(d) - mu;
        // Zero spread: t is undefined (0/0) or infinite; report NaN and let the caller say "constant difference".
        if (se == 0) return new TestResult(double.NaN, double.NaN, n, n - 1);
        var t = diff / se;
        return new TestResult(t, StudentTTail.TwoSided(t, n - 1), n, n - 1);
    }
}
