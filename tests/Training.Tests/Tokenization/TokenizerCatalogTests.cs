using Sweep.Training.Tokenization;

namespace Sweep.Training.Tests.Tokenization;

[Category(Category.Unit)]
public sealed class TokenizerCatalogTests
{
    [Theory]
    [InlineData("minilm", typeof(BertWordPieceTokenizer))]
    [InlineData("bert-base-uncased", typeof(BertWordPieceTokenizer))]
    [InlineData("tiny-bert", typeof(BertWordPieceTokenizer))]
    [InlineData("gpt2", typeof(Gpt2BpeTokenizer))]
    [InlineData("tiny-gpt2", typeof(Gpt2BpeTokenizer))]
    public void BuiltInModelsGetTheirFamilyTokenizer(string model, Type expected)
    {
        Assert.IsType(expected, TokenizerCatalog.ForModel(model));
    }

    [Fact]
    public void ModelDirectoryIsRecognisedByItsFiles()
    {
        using var dir = new TempDirectory("tok");
        var none = Assert.Throws<InvalidInputException>(() => TokenizerCatalog.ForModel(dir.Path));
        Assert.Contains("no tokenizer found", none.Message);

        File.WriteAllText(Path.Combine(dir.Path, "config.json"), """{"model_type": "gpt2", "n_layer": 2}""");
        Assert.IsType<Gpt2BpeTokenizer>(TokenizerCatalog.ForModel(dir.Path));

        File.WriteAllText(Path.Combine(dir.Path, "vocab.json"), """{"a": 0, "b": 1}""");
        var small = Assert.Throws<InvalidInputException>(() => TokenizerCatalog.ForModel(dir.Path));
        Assert.Contains("vocab.json: 2 entries", small.Message);

        File.WriteAllText(Path.Combine(dir.Path, "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\n");
        var bert = Assert.IsType<BertWordPieceTokenizer>(TokenizerCatalog.ForModel(dir.Path));
        Assert.Equal(7, bert.VocabSize);
        Assert.Equal([2, 5, 6, 3], bert.Encode("Hello world").InputIds);
    }

    [Fact]
    public void UnknownNameThatIsNoDirectoryListsBuiltIns()
    {
        var e = Assert.Throws<InvalidInputException>(() => TokenizerCatalog.ForModel("roberta-base"));
        Assert.Contains("'roberta-base' is neither a built-in model (minilm, bert-base-uncased, tiny-bert, gpt2, tiny-gpt2)", e.Message);
    }
}
