namespace Sweep.Analysis.Statistics;

/// <summary>Student's two-sample t-test with pooled variance, df = n₁ + n₂ − 2 (scipy ttest_ind equal_var=True).</summary>
public static class StudentTTest
{
    public static TestResult Test(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n1 = a.Count, n2 = b.Count;
        var df = n1 + n2 - 2;
        if (n1 < 2 || n2 < 2) return new TestResult(double.NaN, double.NaN, n1 + n2, df);
        var pooled = ((n1 - 1) * Descriptive.Variance(a) + (n2 - 1) * Descriptive.Variance(b)) / df;
        var se = Math.Sqrt(pooled * (1.0 / n1 + 1.0 / n2));
        if (se == 0) return new TestResult(double.NaN, double.NaN, n1 + n2, df);
        var t = (Descriptive.Mean(a) - Descriptive.Mean(b)) / se;
        return new TestResult(t, StudentTTail.TwoSided(t, df), n1 + n2, df);
    }
}
