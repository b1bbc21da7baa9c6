using Sweep.Training.Data;
using Sweep.Training.Data.Sources;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class Sst2TsvSourceTests
{
    private const string Train = "sentence\tlabel\nhide new secretions from the parental units \t0\ncontains no wit , only labored gags \t0\nthat loves its characters \t1\n";
    private const string Dev = "sentence\tlabel\r\nit 's a charming and often affecting journey . \t1\r\n";

    [Fact]
    public void LoadsTrainAndDevAsTheSplit()
    {
        using var dir = new TempDirectory("data");
        dir.Write("train.tsv", Train);
        dir.Write("dev.tsv", Dev);

        var data = new DataSources().LoadClassification($"sst2: {dir.Path}");

        Assert.Equal(3, data.Train.Count);
        Assert.Equal(new LabelledText("contains no wit , only labored gags", 0), data.Train[1]);
        Assert.Equal([new LabelledText("it 's a charming and often affecting journey .", 1)], data.Eval);
        Assert.Contains("own split", data.Split);
    }

    [Fact]
    public void ColumnsAreFoundByHeaderName()
    {
        using var dir = new TempDirectory("data");
        string path = dir.Write("train.tsv", "label\tsentence\n1\tgood fun\n");
        Assert.Equal([new LabelledText("good fun", 1)], Sst2TsvSource.ReadTsv(path));
    }

    [Theory]
    [InlineData("sentence\tlabel\ngood\t1\nbad\t2\n", "line 3: field 'label' is '2', expected 0 or 1")]
    [InlineData("sentence\tlabel\ngood\t1\nbad\n", "line 3: malformed TSV row, 1 tab-separated fields where the header has 2")]
    [InlineData("sentence\tlabel\ngood\t1\tx\n", "line 2: malformed TSV row, 3 tab-separated fields")]
    [InlineData("sentence,label\ngood,1\n", "line 1: header must name the columns 'sentence' and 'label'")]
    [InlineData("sentence\tlabel\n", "no rows after the header (empty dataset)")]
    [InlineData("", "empty file")]
    [InlineData("sentence\tlabel\n \t1\n", "line 2: field 'sentence' is empty")]
    public void BadTsvNamesFileAndLine(string content, string expected)
    {
        using var dir = new TempDirectory("data");
        string path = dir.Write("train.tsv", content);
        var e = Assert.Throws<InvalidInputException>(() => Sst2TsvSource.ReadTsv(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingDirectoryOrFileIsNamed()
    {
        using var dir = new TempDirectory("data");
        var missingDir = Assert.Throws<InvalidInputException>(() => new DataSources().LoadClassification($"sst2:{dir.Path}/nope"));
        Assert.Contains($"directory '{dir.Path}/nope' not found", missingDir.Message);

        dir.Write("train.tsv", Train);
        var missingDev = Assert.Throws<InvalidInputException>(() => new DataSources().LoadClassification($"sst2:{dir.Path}"));
        Assert.Contains("dev.tsv: file not found", missingDev.Message);
    }
}
