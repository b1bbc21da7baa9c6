namespace Sweep.Training.Tokenization;

/// <summary>
/// The small surface the training core needs from a tokenizer: text to ids (with or without the
/// model's special tokens), ids back to text, and the ids that batching and LM blocks rely on.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>A short name for logs and results ("bert-wordpiece", "gpt2-bpe").</summary>
    string Name { get; }

    /// <summary>Number of ids the tokenizer can produce (the model's embedding rows must cover it).</summary>
    int VocabSize { get; }

    /// <summary>Id used to pad a batch; padded positions always have attention mask 0.</summary>
    int PadId { get; }

    /// <summary>Id placed between documents when a corpus is concatenated for language modelling.</summary>
    int DocumentSeparatorId { get; }

    /// <summary>Ids of <paramref name="text"/> alone: no special tokens, no truncation.</summary>
    IReadOnlyList<int> EncodeToIds(string text);

    /// <summary>
    /// A model input for one text (or a pair): the model's special tokens added, truncated so the
    /// whole sequence has at most <paramref name="maxLength"/> ids, with attention mask and token types.
    /// </summary>
    EncodedText Encode(string text, string? pair = null, int maxLength = 512);

    string Decode(IEnumerable<int> ids);
}
