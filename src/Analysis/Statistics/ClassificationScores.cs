namespace Sweep.Analysis.Statistics;

/// <summary>Accuracy, binary F1 (positive class 1) and macro F1 of predictions against labels, optionally on a resampled index set.</summary>
public static class ClassificationScores
{
    public static double Accuracy(IReadOnlyList<int> pred, IReadOnlyList<int> labels, IReadOnlyList<int>? idx = null)
    {
        var n = idx?.Count ?? labels.Count;
        if (n == 0) return double.NaN;
        var right = 0;
        for (var k = 0; k < n; k++)
        {
            var i = idx?[k] ?? k;
            if (pred[i] == labels[i]) right++;
        }
        return (double)right / n;
    }

    /// <summary>F1 of class <paramref name="positive"/>: 2TP/(2TP + FP + FN); 0 when the class never occurs or is never predicted.</summary>
    public static double F1(IReadOnlyList<int> pred, IReadOnlyList<int> labels, IReadOnlyList<int>? idx = null, int positive = 1)
    {
        int tp = 0, fp = 0, fn = 0;
        var n = idx?.Count ?? labels.Count;
        for (var k = 0; k < n; k++)
        {
            var i = idx?[k] ?? k;
            bool p = pred[i] == positive, y = labels[i] == positive;
            if (p && y) tp++;
            else if (p) fp++;
            else if (y) fn++;
        }
        var denom = 2 * tp + fp + fn;
        return denom == 0 ? 0 : 2.0 * tp / denom;
    }

    /// <summary>Unweighted mean of the per-class F1 over the classes that occur in labels or predictions.</summary>
    public static double F1Macro(IReadOnlyList<int> pred, IReadOnlyList<int> labels, IReadOnlyList<int>? idx = null)
    {
        var classes = labels.Concat(pred).Distinct().ToArray();
        return classes.Length == 0 ? double.NaN : classes.Average(c => F1(pred, labels, idx, c));
    }
}
