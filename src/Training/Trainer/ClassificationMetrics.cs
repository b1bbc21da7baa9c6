namespace Sweep.Training.Trainer;

/// <summary>Accuracy, binary F1 (positive class 1) and macro F1 from predictions and gold labels. Pure.</summary>
public static class ClassificationMetrics
{
    public static double Accuracy(IReadOnlyList<int> predicted, IReadOnlyList<int> gold)
    {
        Check(predicted, gold);
        return (double)predicted.Zip(gold).Count(p => p.First == p.Second) / gold.Count;
    }

    /// <summary>F1 of one class; 0 when the class is never predicted nor present.</summary>
    public static double F1(IReadOnlyList<int> predicted, IReadOnlyList<int> gold, int positive = 1)
    {
        Check(predicted, gold);
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var p = predicted[i] == positive;
            var g = gold[i] == positive;
            if (p && g) tp++;
            else if (p) fp++;
            else if (g) fn++;
        }
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /// <summary>Unweighted mean of per-class F1 over the classes present in gold or predictions.</summary>
    public static double F1Macro(IReadOnlyList<int> predicted, IReadOnlyList<int> gold)
    {
        var classes = gold.Concat(predicted).Distinct().OrderBy(c => c).ToList();
        return classes.Average(c => F1(predicted, gold, c));
    }

    private static void Check(IReadOnlyList<int> predicted, IReadOnlyList<int> gold)
    {
        if (predicted.Count != gold.Count) throw new ArgumentException("predictions and labels differ in length");
        if (gold.Count == 0) throw new ArgumentException("no examples to score");
    }
}
