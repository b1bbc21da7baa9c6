using System.Formats.Tar;
using System.IO.Compression;
using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

[Category(Category.Unit)]
public sealed class TarGzExtractorTests : IDisposable
{
    private readonly TempDirectory _temp = new("tgz");

    public void Dispose() => _temp.Dispose();

    private string MakeTgz(params (string Name, string Content)[] entries)
    {
        string path = Path.Combine(_temp.Path, "p.tgz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Ustar);
        foreach (var (name, content) in entries)
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
            };
            writer.WriteEntry(entry);
        }
        return path;
    }

    [Fact]
    public void StripsTheLeadingPackageFolder()
    {
        string tgz = MakeTgz(("package/package.json", "{}"), ("package/data/a.txt", "alpha"));
        string dest = Path.Combine(_temp.Path, "out");
        Assert.Equal(2, TarGzExtractor.Extract(tgz, dest));
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(dest, "data", "a.txt")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dest, "package.json")));
    }

    [Fact]
    public void RefusesEntriesThatEscapeTheDestination()
    {
        string tgz = MakeTgz(("package/../../evil.txt", "x"));
        Assert.Throws<InvalidDataException>(() => TarGzExtractor.Extract(tgz, Path.Combine(_temp.Path, "out")));
        Assert.False(File.Exists(Path.Combine(_temp.Path, "evil.txt")));
    }
}
