namespace Sweep.Training.Data;

/// <summary>A binary sentence-classification data set, already split into train and eval.</summary>
public sealed record ClassificationData(
    string Source,
    IReadOnlyList<LabelledText> Train,
    IReadOnlyList<LabelledText> Eval,
    string Split)
{
    public const int NumLabels = 2;

    /// <summary>Number of examples per label in a part, index = label.</summary>
    public static int[] LabelCounts(IEnumerable<LabelledText> part)
    {
        var counts = new int[NumLabels];
        foreach (var example in part) counts[example.Label]++;
        return counts;
    }
}
