using System.Reflection;
using Sweep.Training.Tokenization;

namespace Sweep.Training.Tests.Tokenization;

[Category(Category.Unit)]
public sealed class BertWordPieceTokenizerTests
{
    private static readonly BertWordPieceTokenizer Tokenizer = BertWordPieceTokenizer.FromMiniLmPackage();

    [Fact]
    public void MiniLmPackageEmbedsTheVocabUnderTheExpectedName()
    {
        var names = Assembly.Load(BertWordPieceTokenizer.MiniLmAssembly).GetManifestResourceNames();
        Assert.Contains(BertWordPieceTokenizer.MiniLmVocabResource, names);
        Assert.Equal(30522, Tokenizer.VocabSize); // bert-base-uncased vocab size
    }

    // Reference ids: Hugging Face bert-base-uncased tokenizer.
    [Theory]
    [InlineData("hello world", new[] { 101, 7592, 2088, 102 })]
    [InlineData("The movie was great!", new[] { 101, 1996, 3185, 2001, 2307, 999, 102 })]
    public void EncodesKnownSentencesToReferenceIds(string text, int[] expected)
    {
        var encoded = Tokenizer.Encode(text);
        Assert.Equal(expected, encoded.InputIds);
        Assert.All(encoded.AttentionMask, m => Assert.Equal(1, m));
        Assert.All(encoded.TokenTypeIds, t => Assert.Equal(0, t));
    }

    [Fact]
    public void SpecialTokenIdsAreBertBaseUncased()
    {
        Assert.Equal(101, Tokenizer.ClsId);
        Assert.Equal(102, Tokenizer.SepId);
        Assert.Equal(0, Tokenizer.PadId);
    }

    [Fact]
    public void PairGetsTwoSeparatorsAndSecondSegmentTokenTypes()
    {
        var encoded = Tokenizer.Encode("hello", "world");
        Assert.Equal([101, 7592, 102, 2088, 102], encoded.InputIds);
        Assert.Equal([0, 0, 0, 1, 1], encoded.TokenTypeIds);
        Assert.Equal([1, 1, 1, 1, 1], encoded.AttentionMask);
    }

    [Fact]
    public void TruncatesToMaxLengthKeepingSeparator()
    {
        var encoded = Tokenizer.Encode("The movie was great!", maxLength: 4);
        Assert.Equal([101, 1996, 3185, 102], encoded.InputIds);
        Assert.Equal(4, encoded.AttentionMask.Length);
    }

    [Fact]
    public void VocabFileWithCrLfOrLfGivesSameIds()
    {
        using var dir = new TempDirectory("vocab");
        using var resource = Assembly.Load(BertWordPieceTokenizer.MiniLmAssembly)
            .GetManifestResourceStream(BertWordPieceTokenizer.MiniLmVocabResource)!;
        string text = new StreamReader(resource).ReadToEnd();
        Assert.Contains("\r\n", text); // the package ships CRLF lines
        string lfPath = Path.Combine(dir.Path, "vocab.txt");
        File.WriteAllText(lfPath, text.Replace("\r\n", "\n"));

        var fromFile = BertWordPieceTokenizer.FromFile(lfPath);
        Assert.Equal(30522, fromFile.VocabSize);
        Assert.Equal([101, 1996, 3185, 2001, 2307, 999, 102], fromFile.Encode("The movie was great!").InputIds);
    }

    [Fact]
    public void MissingVocabFileNamesThePath()
    {
        var e = Assert.Throws<InvalidInputException>(() => BertWordPieceTokenizer.FromFile("/nonexistent/vocab.txt"));
        Assert.Contains("/nonexistent/vocab.txt", e.Message);
    }

    [Fact]
    public void DecodeInvertsEncode()
    {
        Assert.Equal("the movie was great!", Tokenizer.Decode(Tokenizer.EncodeToIds("The movie was great!")));
    }
}
