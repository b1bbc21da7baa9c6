using System.Text.Json;
using Xunit.Abstractions;

namespace Sweep.Grains.Tests.Workers;

/// <summary>
/// Every worker kind publishes: the silo for osx-arm64 (Apple Silicon, MPS) and for linux-x64 (CPU) publishes here,
/// and its output holds the native libraries that machine loads. The CUDA worker is published too where its
/// libtorch package is served; where it is not, the check says so in one line. The sources are copied to a
/// temporary folder first, so the restores for other runtimes never touch this checkout's obj/ folders.
/// Slow (two publishes, about a gigabyte of output, deleted afterwards): skip with --filter Category!=Build.
/// </summary>
[Category(Category.Build)]
public sealed class WorkerPublishTests : IClassFixture<WorkerPublishTests.SourceCopy>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private const string CudaPackage = "libtorch-cuda-12.8-linux-x64";
    private const string LibTorchVersion = "2.10.0";

    private readonly SourceCopy _copy;
    private readonly ITestOutputHelper _log;

    public WorkerPublishTests(SourceCopy copy, ITestOutputHelper log) => (_copy, _log) = (copy, log);

    [Fact]
    public void Apple_silicon_worker_publishes_with_the_mps_libtorch() =>
        AssertPublishes("osx-arm64", [],
            ["libLibTorchSharp.dylib", "libtorch.dylib", "libtorch_cpu.dylib", "libc10.dylib", "libomp.dylib", "sweep-silo.dll"],
            forbidden: ".so");

    [Fact]
    public void Linux_cpu_worker_publishes_with_the_cpu_libtorch() =>
        AssertPublishes("linux-x64", [],
            ["libLibTorchSharp.so", "libtorch.so", "libtorch_cpu.so", "libc10.so", "sweep-silo.dll"],
            forbidden: ".dylib");

    [Fact]
    public void Cuda_worker_publishes_where_its_libtorch_is_served()
    {
        var search = DotnetCli.Run(_copy.Root, TimeSpan.FromMinutes(2),
            "package", "search", CudaPackage, "--exact-match", "--format", "json");
        Assert.True(search.ExitCode == 0, search.Output);
        if (!Served(search.Output, CudaPackage, LibTorchVersion))
        {
            _log.WriteLine($"CUDA worker publish not checked: {CudaPackage} {LibTorchVersion} is not served by this machine's package source.");
            return;
        }
        AssertPublishes("linux-x64", [PublishCommands.CudaBackend],
            ["libLibTorchSharp.so", "libtorch.so", "libtorch_cuda.so", "libc10_cuda.so", "sweep-silo.dll"], forbidden: ".dylib");
    }

    private void AssertPublishes(string rid, string[] extra, string[] required, string forbidden)
    {
        var output = Path.Combine(_copy.Root, "out", extra.Length == 0 ? rid : rid + "-" + extra.Length);
        var r = DotnetCli.Run(_copy.Root, Timeout,
            [.. PublishCommands.Arguments(PublishCommands.SiloProject, rid, output, extra), "-nodeReuse:false", "-v:m"]);
        Assert.True(r.ExitCode == 0, $"dotnet publish -r {rid} failed:\n{r.Output}");
        var files = Directory.GetFiles(output).Select(Path.GetFileName).ToHashSet();
        var missing = required.Where(f => !files.Contains(f)).ToList();
        Assert.True(missing.Count == 0, $"{rid} publish lacks {string.Join(", ", missing)}; it has {string.Join(", ", files.Order())}");
        var foreign = files.Where(f => f!.EndsWith(forbidden, StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, $"{rid} publish holds another platform's libraries: {string.Join(", ", foreign)}");
        var bytes = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        _log.WriteLine($"{rid} {string.Join(' ', extra)}: published in {r.Elapsed.TotalSeconds:0} s, {bytes / (1 << 20)} MiB, {files.Count} files");
        Directory.Delete(output, recursive: true);
    }

    private static bool Served(string json, string id, string version)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("searchResult").EnumerateArray()
            .SelectMany(source => source.GetProperty("packages").EnumerateArray())
            .Any(p => p.GetProperty("id").GetString() == id && p.GetProperty("version").GetString() == version);
    }

    /// <summary>The silo's sources and build files, copied once for the class into a temporary folder.</summary>
    public sealed class SourceCopy : IDisposable
    {
        private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props"];

        public SourceCopy()
        {
            var repo = DotnetCli.RepositoryRoot();
            Root = Directory.CreateTempSubdirectory("sweep-publish-").FullName;
            // All of src/, so a new library the silo comes to depend on is never missing from the copy.
            CopyTree(Path.Combine(repo, "src"), Path.Combine(Root, "src"));
            CopyTree(Path.Combine(repo, "build"), Path.Combine(Root, "build"));
            foreach (var f in RootFiles) File.Copy(Path.Combine(repo, f), Path.Combine(Root, f));
            foreach (var config in Directory.GetFiles(repo, "*.config").Where(f => Path.GetFileName(f).Equals("nuget.config", StringComparison.OrdinalIgnoreCase)))
                File.Copy(config, Path.Combine(Root, Path.GetFileName(config)));
        }

        public string Root { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);

        private static void CopyTree(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var dir in Directory.GetDirectories(from))
            {
                var name = Path.GetFileName(dir);
                if (name is "bin" or "obj") continue;
                CopyTree(dir, Path.Combine(to, name));
            }
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
