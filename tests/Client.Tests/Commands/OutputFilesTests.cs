using Sweep.Client.Commands;
using Sweep.Training;

namespace Sweep.Client.Tests.Commands;

/// <summary>An output directory is checked before work starts: a file, a path through a file, or a place that takes no files is bad input.</summary>
[Category(Category.Unit)]
public sealed class OutputFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new("out-check");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_existing_directory_or_one_that_can_be_created_is_usable_and_nothing_is_created()
    {
        OutputFiles.EnsureDirectoryUsable(_dir.Path, "--out");
        var nested = Path.Combine(_dir.Path, "a", "b");

        OutputFiles.EnsureDirectoryUsable(nested, "--out");

        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "a")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void A_file_is_not_a_directory()
    {
        var file = _dir.Write("results", "x");

        var e = Assert.Throws<InvalidInputException>(() => OutputFiles.EnsureDirectoryUsable(file, "--out"));

        Assert.Equal($"--out: '{file}' is a file, not a directory", e.Message);
    }

    [Fact]
    public void A_path_through_a_file_cannot_be_created()
    {
        var file = _dir.Write("afile", "x");
        var under = Path.Combine(file, "sub", "deeper");

        var e = Assert.Throws<InvalidInputException>(() => OutputFiles.EnsureDirectoryUsable(under, "--out"));

        Assert.Equal($"--out: '{under}' cannot be created: '{file}' is a file", e.Message);
    }

    [UnixFact("/dev/null and /proc")]
    public void Device_files_and_places_that_take_no_files_are_rejected()
    {
        Assert.Contains("is a file, not a directory", Assert.Throws<InvalidInputException>(() => OutputFiles.EnsureDirectoryUsable("/dev/null", "--out")).Message);
        if (Directory.Exists("/proc/self"))
            Assert.Contains("--out: '/proc/sweep-out' is not writable",
                Assert.Throws<InvalidInputException>(() => OutputFiles.EnsureDirectoryUsable("/proc/sweep-out", "--out")).Message);
    }
}
