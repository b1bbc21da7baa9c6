using MathNet.Numerics.Distributions;

namespace Sweep.Analysis.Statistics;

/// <summary>
/// McNemar's test on the discordant pairs of two classifiers scored on the same items (statsmodels
/// <c>mcnemar</c>). <c>b</c> = items A got right and B wrong, <c>c</c> = items A got wrong and B right.
/// </summary>
public static class McNemarTest
{
    /// <summary>Exact: two-sided binomial test of b ~ Bin(b + c, ½); statistic min(b, c).</summary>
    public static TestResult Exact(int b, int c)
    {
        var n = b + c;
        if (n == 0) return new TestResult(0, 1, 0);
        var k = Math.Min(b, c);
        var p = Math.Min(1, 2 * Binomial.CDF(0.5, n, k));
        return new TestResult(k, p, n);
    }

    /// <summary>χ² = (|b − c| − 1)²/(b + c) with continuity, (b − c)²/(b + c) without; 1 df.</summary>
    public static TestResult ChiSquare(int b, int c, bool continuity = true)
    {
        var n = b + c;
        if (n == 0) return new TestResult(0, 1, 0, 1);
        var diff = Math.Abs(b - c) - (continuity ? 1.0 : 0.0);
        if (diff < 0) diff = 0;
        var chi2 = diff * diff / n;
        return new TestResult(chi2, 1 - ChiSquared.CDF(1, chi2), n, 1);
    }

    /// <summary>Discordant counts from per-example predictions of A and B against the labels.</summary>
    public static (int B, int C) Discordant(IReadOnlyList<int> predA, IReadOnlyList<int> predB, IReadOnlyList<int> labels)
    {
        if (predA.Count != labels.Count || predB.Count != labels.Count)
            throw new ArgumentException($"predictions ({predA.Count}, {predB.Count}) and labels ({labels.Count}) differ in length");
        int b = 0, c = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var aRight = predA[i] == labels[i];
            var bRight = predB[i] == labels[i];
            if (aRight && !bRight) b++;
            else if (!aRight && bRight) c++;
        }
        return (b, c);
    }
}
