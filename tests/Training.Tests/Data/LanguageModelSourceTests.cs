using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class LanguageModelSourceTests
{
    [Fact]
    public void WikiTextUsesTrainAndValidFilesWhole()
    {
        using var dir = new TempDirectory("data");
        dir.Write("wiki.train.raw", " \n = Valkyria Chronicles III = \n \n Senjō no Valkyria 3 is a game . \n \n");
        dir.Write("wiki.valid.raw", " \n = Homarus gammarus = \n \n Homarus gammarus is a lobster . \n");

        var data = new DataSources().LoadLanguageModel($"wikitext2:{dir.Path}");

        Assert.Equal([" \n = Valkyria Chronicles III = \n \n Senjō no Valkyria 3 is a game . \n "], data.Train);
        Assert.Single(data.Eval);
        Assert.Contains("Homarus gammarus is a lobster", data.Eval[0]);
    }

    [Fact]
    public void WikiTextMissingOrEmptyFileIsNamed()
    {
        using var dir = new TempDirectory("data");
        dir.Write("wiki.train.raw", "some text");
        var missing = Assert.Throws<InvalidInputException>(() => new DataSources().LoadLanguageModel($"wikitext2:{dir.Path}"));
        Assert.Contains("wiki.valid.raw: file not found", missing.Message);

        dir.Write("wiki.valid.raw", " \n \n");
        var empty = Assert.Throws<InvalidInputException>(() => new DataSources().LoadLanguageModel($"wikitext2:{dir.Path}"));
        Assert.Contains("wiki.valid.raw: file has no text (empty dataset)", empty.Message);
    }

    [Fact]
    public void SotuIsThe233AddressesInChronologicalOrder()
    {
        var data = new DataSources().LoadLanguageModel("sotu");
        Assert.Equal(233, data.Train.Count + data.Eval.Count);
        Assert.Equal(23, data.Eval.Count); // 10% of documents
        Assert.InRange(data.TrainCharacters + data.EvalCharacters, 9_000_000, 12_000_000);
        Assert.Contains(data.Train.Concat(data.Eval), d => d.StartsWith("Fellow-Citizens of the Senate and House of Representatives: In meeting you again"));
    }

    [Fact]
    public void MobyDickIsItsFileListInBookOrder()
    {
        var data = new DataSources().LoadLanguageModel("moby-dick");
        var all = data.Train.Concat(data.Eval).ToList();
        Assert.Equal(139, all.Count);
        Assert.Contains(all, d => d.StartsWith("CHAPTER 1. Loomings.") && d.Contains("Call me Ishmael."));
    }

    [Fact]
    public void ToyTextIsDeterministic()
    {
        var a = new DataSources().LoadLanguageModel("toy-text");
        var b = new DataSources().LoadLanguageModel("toy-text");
        Assert.Equal(40, a.Train.Count + a.Eval.Count);
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Eval, b.Eval);
    }
}
