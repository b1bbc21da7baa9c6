namespace Sweep.Analysis.Statistics;

/// <summary>
/// Holm–Bonferroni step-down adjustment (statsmodels multipletests method="holm"): sort p ascending,
/// p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). NaN entries are left out of the family and stay NaN.
/// </summary>
public static class HolmBonferroni
{
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        var result = Enumerable.Repeat(double.NaN, p.Count).ToArray();
        var order = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ToArray();
        var m = order.Length;
        var running = 0.0;
        for (var k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1, (m - k) * p[order[k]]));
            result[order[k]] = running;
        }
        return result;
    }
}
