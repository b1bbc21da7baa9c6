using Sweep.Training.Tokenization;

namespace Sweep.Training.Tests.Tokenization;

[Category(Category.Unit)]
public sealed class Gpt2BpeTokenizerTests
{
    private static readonly Gpt2BpeTokenizer Tokenizer = new();

    // Reference ids: OpenAI's GPT-2 encoder (tiktoken "gpt2" / Hugging Face gpt2).
    [Theory]
    [InlineData("Hello world", new[] { 15496, 995 })]
    [InlineData(" the", new[] { 262 })]
    [InlineData("Hello, world!", new[] { 15496, 11, 995, 0 })]
    public void EncodesKnownStringsToReferenceIds(string text, int[] expected)
    {
        Assert.Equal(expected, Tokenizer.EncodeToIds(text));
        Assert.Equal(expected, Tokenizer.Encode(text).InputIds);
    }

    [Fact]
    public void EndOfTextIsTheLastId()
    {
        Assert.Equal(50256, Tokenizer.EosId);
        Assert.Equal(50257, Tokenizer.VocabSize);
        Assert.Equal("<|endoftext|>", Tokenizer.Decode([Tokenizer.EosId]));
    }

    [Fact]
    public void TruncatesAndRoundTrips()
    {
        Assert.Equal([15496, 11], Tokenizer.Encode("Hello, world!", maxLength: 2).InputIds);
        Assert.Equal("Hello, world!", Tokenizer.Decode(Tokenizer.EncodeToIds("Hello, world!")));
    }
}
