using Sweep.Training.Data;
using Sweep.Training.Data.Sources;

namespace Sweep.Training.Tests.Data;

[Category(Category.Training)]
public sealed class UciSentimentSourceTests
{
    [Fact]
    public void RealPackageGives3000LabelledSentencesSplitByDomainAndLabel()
    {
        var data = new DataSources().LoadClassification("uci-sentiment");

        Assert.Equal(3000, data.Train.Count + data.Eval.Count);
        Assert.Equal([1500, 1500], ClassificationData.LabelCounts(data.Train.Concat(data.Eval)));
        Assert.Equal([300, 300], ClassificationData.LabelCounts(data.Eval)); // 20% of each class
        Assert.Equal([1200, 1200], ClassificationData.LabelCounts(data.Train));
        Assert.All(data.Train.Concat(data.Eval), e => Assert.False(string.IsNullOrWhiteSpace(e.Text)));
        Assert.Contains(new LabelledText("A very, very, very slow-moving, aimless movie about a distressed, drifting young man.", 0),
            data.Train.Concat(data.Eval));
    }

    [Fact]
    public void SplitIsFixedBySplitSeed()
    {
        var a = new DataSources(new DataSourceOptions { SplitSeed = 1 }).LoadClassification("uci-sentiment");
        var b = new DataSources(new DataSourceOptions { SplitSeed = 1 }).LoadClassification("uci-sentiment");
        var c = new DataSources(new DataSourceOptions { SplitSeed = 2 }).LoadClassification("uci-sentiment");
        Assert.Equal(a.Eval, b.Eval);
        Assert.NotEqual(a.Eval, c.Eval);
    }

    [Fact]
    public void DropsOnlyTheTrailingEntryWithoutClass()
    {
        using var dir = new TempDirectory("data");
        string path = dir.Write("f.json", """[{"text":"good","class":1},{"text":"bad  ","class":0},{"text":"","class":null}]""");
        Assert.Equal([new LabelledText("good", 1), new LabelledText("bad", 0)], UciSentimentSource.ReadFixture(path));
    }

    [Theory]
    [InlineData("""[{"text":"good","class":2}]""", "entry 0: field 'class' is 2, expected 0 or 1")]
    [InlineData("""[{"text":"good","class":null},{"text":"ok","class":1}]""", "entry 0: field 'class' is null, expected 0 or 1")]
    [InlineData("""[{"text":"good","class":1},{"class":0}]""", "entry 1: field 'text' is missing or empty")]
    [InlineData("""[{"text":"","class":null}]""", "no labelled sentences (empty dataset)")]
    [InlineData("""{"text":"good"}""", "expected a JSON array")]
    [InlineData("""[{"text":"good","class":1""", "not valid JSON")]
    public void BadFixtureNamesFileAndEntry(string json, string expected)
    {
        using var dir = new TempDirectory("data");
        string path = dir.Write("imdb.json", json);
        var e = Assert.Throws<InvalidInputException>(() => UciSentimentSource.ReadFixture(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }
}
