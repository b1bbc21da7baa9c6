using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class DataSourcesTests
{
    [Fact]
    public void ToySentimentIsBalancedStratifiedAndDeterministic()
    {
        var a = new DataSources().LoadClassification("toy-sentiment");
        var b = new DataSources().LoadClassification("toy-sentiment");
        Assert.Equal([160, 160], ClassificationData.LabelCounts(a.Train));
        Assert.Equal([40, 40], ClassificationData.LabelCounts(a.Eval));
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Eval, b.Eval);
    }

    [Fact]
    public void UnknownSourceListsTheKnownOnes()
    {
        var e = Assert.Throws<InvalidInputException>(() => new DataSources().LoadClassification("imdb-full"));
        Assert.Equal("data: unknown classification source 'imdb-full'; known: uci-sentiment, toy-sentiment, sst2:PATH", e.Message);

        var lm = Assert.Throws<InvalidInputException>(() => new DataSources().LoadLanguageModel("wikitext103"));
        Assert.Contains("known: sotu, moby-dick, toy-text, wikitext2:PATH", lm.Message);
    }

    [Fact]
    public void SourceOfTheOtherTaskIsNamedAsSuch()
    {
        var e = Assert.Throws<InvalidInputException>(() => new DataSources().LoadClassification("sotu"));
        Assert.Contains("'sotu' is not a classification source", e.Message);
        var lm = Assert.Throws<InvalidInputException>(() => new DataSources().LoadLanguageModel("uci-sentiment"));
        Assert.Contains("'uci-sentiment' is not a language-modelling source", lm.Message);
    }

    [Fact]
    public void PathSourceWithoutPathIsRefused()
    {
        var e = Assert.Throws<InvalidInputException>(() => new DataSources().LoadClassification("sst2:"));
        Assert.Contains("names no path", e.Message);
    }
}
