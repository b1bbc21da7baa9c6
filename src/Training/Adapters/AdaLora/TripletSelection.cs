namespace Sweep.Training.Adapters.AdaLora;

/// <summary>Which triplets survive a mask step, and how many extra survive only through tied scores.</summary>
public sealed record TripletSelectionResult(bool[] Keep, int Kept, int TiedAtThreshold, int KeptBeyondBudget);

/// <summary>
/// Keeps the <c>budget</c> triplets with the highest scores. Where scores tie exactly at the threshold (the
/// budget-th largest score), all tied triplets are kept, so the kept count is the budget or more, never less,
/// and the surplus is reported. (PEFT masks score ≤ the (N − budget)-th smallest, which with ties at the
/// threshold drops BELOW the budget; without ties both keep the same set.) A NaN score is never kept.
/// </summary>
public static class TripletSelection
{
    public static TripletSelectionResult Select(IReadOnlyList<float> scores, int budget)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var n = scores.Count;
        if (budget >= n)
            return new TripletSelectionResult(Enumerable.Repeat(true, n).ToArray(), n, 0, 0);
        if (budget <= 0)
            return new TripletSelectionResult(new bool[n], 0, 0, 0);

        var sorted = scores.Where(s => !float.IsNaN(s)).OrderByDescending(s => s).ToArray();
        if (sorted.Length < budget)
        {
            var keepFinite = scores.Select(s => !float.IsNaN(s)).ToArray();
            return new TripletSelectionResult(keepFinite, sorted.Length, 0, 0);
        }
        var threshold = sorted[budget - 1];
        var keep = scores.Select(s => s >= threshold).ToArray();
        var kept = keep.Count(k => k);
        var tied = scores.Count(s => s == threshold);
        return new TripletSelectionResult(keep, kept, tied > 1 ? tied : 0, kept - budget);
    }
}
