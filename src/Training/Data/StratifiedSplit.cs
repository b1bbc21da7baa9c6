namespace Sweep.Training.Data;

/// <summary>
/// A seeded train/eval split that keeps each stratum's share: in every stratum (a class label, or a
/// label within a domain) round(count × evalFraction) items, chosen at random by the seed, go to eval.
/// Pure: the same strata, fraction and seed always give the same two disjoint, ascending index lists.
/// </summary>
public static class StratifiedSplit
{
    public static (int[] Train, int[] Eval) Split(IReadOnlyList<int> strata, double evalFraction, long seed)
    {
        if (!(evalFraction > 0 && evalFraction < 1))
            throw new InvalidInputException($"eval_fraction: {evalFraction} must be between 0 and 1 (exclusive)");

        var train = new List<int>(strata.Count);
        var eval = new List<int>();
        var rng = SeededRandom.For(seed, 0x5EED);
        foreach (var group in Enumerable.Range(0, strata.Count).GroupBy(i => strata[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rng.Shuffle(members);
            int evalCount = (int)Math.Round(members.Length * evalFraction, MidpointRounding.AwayFromZero);
            eval.AddRange(members.Take(evalCount));
            train.AddRange(members.Skip(evalCount));
        }
        if (train.Count == 0 || eval.Count == 0)
            throw new InvalidInputException(
                $"eval_fraction: {evalFraction} of {strata.Count} examples leaves an empty {(train.Count == 0 ? "train" : "eval")} set");
        train.Sort();
        eval.Sort();
        return (train.ToArray(), eval.ToArray());
    }

    /// <summary>Applies a split to the items it was computed for.</summary>
    public static (List<T> Train, List<T> Eval) Apply<T>(IReadOnlyList<T> items, (int[] Train, int[] Eval) split) =>
        (split.Train.Select(i => items[i]).ToList(), split.Eval.Select(i => items[i]).ToList());
}
