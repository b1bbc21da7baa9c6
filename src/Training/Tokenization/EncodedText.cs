namespace Sweep.Training.Tokenization;

/// <summary>
/// One tokenized model input, unpadded: ids, attention mask (all 1 here; padding adds the 0s)
/// and token type ids (0 for the first segment, 1 for the second). All three have the same length.
/// </summary>
public sealed record EncodedText(int[] InputIds, int[] AttentionMask, int[] TokenTypeIds)
{
    public int Length => InputIds.Length;

    /// <summary>A single segment: mask all ones, token types all zero.</summary>
    public static EncodedText SingleSegment(int[] ids) =>
        new(ids, Enumerable.Repeat(1, ids.Length).ToArray(), new int[ids.Length]);
}
