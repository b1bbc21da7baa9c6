namespace Sweep.Training.Tokenization;

/// <summary>
/// Hugging Face's "longest_first" truncation: while the two segments together exceed the budget,
/// drop the last id of the longer one (the second segment when they are equal, as the
/// Python tokenizers do). Pure.
/// </summary>
public static class LongestFirstTruncation
{
    public static (int[] First, int[] Second) Apply(IReadOnlyList<int> first, IReadOnlyList<int>? second, int budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        int a = first.Count, b = second?.Count ?? 0;
        while (a + b > budget)
        {
            if (a > b) a--;
            else b--;
        }
        return (first.Take(a).ToArray(), second is null ? [] : second.Take(b).ToArray());
    }
}
