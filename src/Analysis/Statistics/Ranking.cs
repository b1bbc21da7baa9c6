namespace Sweep.Analysis.Statistics;

/// <summary>Average ranks (1-based, ties share their mean rank) and the sizes of the tie groups.</summary>
public static class Ranking
{
    /// <summary>Values closer than <paramref name="relativeTolerance"/>·max|x| count as tied (guards against
    /// float noise such as 91.6 − 88.8 vs 92.0 − 89.2).</summary>
    public static (double[] Ranks, int[] TieSizes) Average(IReadOnlyList<double> x, double relativeTolerance = 1e-9)
    {
        var n = x.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => x[i]).ToArray();
        var scale = n == 0 ? 0 : x.Max(Math.Abs);
        var tol = relativeTolerance * scale;
        var ranks = new double[n];
        var ties = new List<int>();
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j + 1 < n && x[order[j + 1]] - x[order[i]] <= tol) j++;
            var avg = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++) ranks[order[k]] = avg;
            if (j > i) ties.Add(j - i + 1);
            i = j + 1;
        }
        return (ranks, ties.ToArray());
    }
}
