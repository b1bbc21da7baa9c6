namespace Sweep.Analysis.Statistics;

/// <summary>Welch's unequal-variance t-test of mean(a) = mean(b), Welch–Satterthwaite df (scipy ttest_ind equal_var=False).</summary>
public static class WelchTTest
{
    public static TestResult Test(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n1 = a.Count, n2 = b.Count;
        if (n1 < 2 || n2 < 2) return new TestResult(double.NaN, double.NaN, n1 + n2);
        var v1 = Descriptive.Variance(a) / n1;
        var v2 = Descriptive.Variance(b) / n2;
        var se2 = v1 + v2;
        if (se2 == 0) return new TestResult(double.NaN, double.NaN, n1 + n2);
        var t = (Descriptive.Mean(a) - Descriptive.Mean(b)) / Math.Sqrt(se2);
        var df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        return new TestResult(t, StudentTTail.TwoSided(t, df), n1 + n2, df);
    }
}
